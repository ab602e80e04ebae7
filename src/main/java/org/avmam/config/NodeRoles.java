package org.avmam.config;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * This node's roles ({@code avmam.node.roles}). API-only nodes run no workers; worker-only nodes
 * serve health and metrics only. {@code avmam.pipeline.workers=false} still turns workers off.
 */
@ApplicationScoped
public class NodeRoles {

    private final boolean api;
    private final boolean worker;

    public NodeRoles(AvmamConfig config) {
        this.api = config.node().roles().contains(AvmamConfig.Node.Role.API);
        this.worker = config.node().roles().contains(AvmamConfig.Node.Role.WORKER) && config.pipeline().workers();
    }

    public boolean api() {
        return api;
    }

    /** Whether this node runs job workers and the schedulers that queue work. */
    public boolean worker() {
        return worker;
    }
}
