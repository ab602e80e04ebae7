package org.avmam.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The node's name: avmam.node-name, else the host name. */
@ApplicationScoped
public class NodeName {

    private final String name;

    public NodeName(AvmamConfig config) {
        this.name = config.nodeName().orElseGet(NodeName::hostName).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    public String get() {
        return name;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
