package org.avmam.cli;

import picocli.CommandLine.Command;

@Command(name = "avmam", mixinStandardHelpOptions = true, version = "avmam 0.1",
        description = "Command-line client of an avmam server. Without a command, the jar starts the server.",
        subcommands = {ImportCommand.class, RenditionsCommand.class, ReindexCommand.class, FixityCommand.class, UsersCommand.class, AuditCommand.class})
public class AvmamCli {
}
