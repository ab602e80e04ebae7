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
        var b = HealthCheckResponse.named("opensearch")
                .status(index.healthy())
                .withData("version", cluster.version())
                .withData("mode", cluster.isEmbedded() ? "embedded local node" : "external cluster")
                .withData("urls", String.join(",", cluster.urls()));
        if (cluster.isEmbedded()) {
            b.withData("nodePid", cluster.embeddedPid());
        }
        return b.build();
    }
}
