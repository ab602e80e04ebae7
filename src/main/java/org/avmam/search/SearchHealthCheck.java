package org.avmam.search;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

@Readiness
@ApplicationScoped
public class SearchHealthCheck implements HealthCheck {

    private final SearchCluster cluster;
    private final AssetIndex index;

    public SearchHealthCheck(SearchCluster cluster, AssetIndex index) {
        this.cluster = cluster;
        this.index = index;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("opensearch")
                .status(index.healthy())
                .withData("version", cluster.version())
                .withData("mode", cluster.isEmbedded() ? "embedded local node" : "external cluster")
                .build();
    }
}
