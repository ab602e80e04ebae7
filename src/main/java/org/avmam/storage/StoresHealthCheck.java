package org.avmam.storage;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether the stores answer. The primary is required (no upload can be stored without it); a
 * replica that is down is reported but keeps the node ready, since replication only waits for it.
 */
@Readiness
@ApplicationScoped
public class StoresHealthCheck implements HealthCheck {

    /** A digest no original has: asking for it reaches the store without reading anything. */
    private static final String PROBE = "0".repeat(64);

    private final Stores stores;

    public StoresHealthCheck(Stores stores) {
        this.stores = stores;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("stores");
        boolean primaryUp = true;
        for (ObjectStore s : stores.all()) {
            String state;
            try {
                s.exists(PROBE);
                state = "up";
            } catch (Exception e) {
                state = "unavailable: " + e.getMessage();
                if (s.name().equals(Stores.PRIMARY)) {
                    primaryUp = false;
                }
            }
            r.withData(s.name(), state);
        }
        return r.status(primaryUp).build();
    }
}
