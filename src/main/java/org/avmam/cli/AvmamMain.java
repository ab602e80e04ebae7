package org.avmam.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;

/**
 * One jar, two uses: with no arguments (or only Quarkus options) it is the server; with a command
 * ({@code import DIR}) it is the command-line client of a running server, without starting one.
 */
@QuarkusMain
public class AvmamMain {

    public static void main(String... args) {
        if (args.length > 0 && !args[0].startsWith("-")) {
            System.exit(new CommandLine(new AvmamCli()).execute(args));
        }
        Quarkus.run(args);
    }
}
