package org.avmam.api;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.avmam.config.NodeRoles;

/**
 * On a worker-only node ({@code avmam.node.roles=worker}) every path but health and metrics
 * answers 404 with a problem saying so: the load balancer sends users to API nodes only, and a
 * request that reaches a worker by mistake is told why instead of half working.
 */
@ApplicationScoped
public class WorkerOnlyFilter {

    void register(@Observes Filters filters, NodeRoles roles) {
        if (roles.api()) {
            return;
        }
        filters.register(rc -> {
            String path = rc.normalizedPath();
            if (path.startsWith("/q/health") || path.startsWith("/q/metrics")) {
                rc.next();
                return;
            }
            rc.response().setStatusCode(404).putHeader("Content-Type", "application/problem+json")
                    .end("{\"type\":\"about:blank\",\"title\":\"Not found\",\"status\":404,\"detail\":\"this node is a worker "
                            + "(avmam.node.roles=worker): it serves health and metrics only; send requests to an API node\"}");
        }, 10_000);
    }
}
