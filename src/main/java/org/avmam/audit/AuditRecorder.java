package org.avmam.audit;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.stream.Collectors;
import org.avmam.access.AccessEvent;
import org.avmam.access.AccessPolicy;
import org.avmam.access.Caller;
import org.avmam.access.RequestAccess;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Once an API request is answered: its access decision (allowed, or denied with the reason the
 * gate gave) goes into the audit log, and a use of a record's content that succeeded goes into
 * the use register. Sign-in decisions, made below the API, arrive as {@link AccessEvent}s.
 */
@ApplicationScoped
public class AuditRecorder {

    private static final Logger LOG = Logger.getLogger(AuditRecorder.class);

    private final AuditLog log;
    private final UseRegister register;
    private final AccessPolicy policy;
    private final RequestAccess access;

    public AuditRecorder(AuditLog log, UseRegister register, AccessPolicy policy, RequestAccess access) {
        this.log = log;
        this.register = register;
        this.policy = policy;
        this.access = access;
    }

    @ServerResponseFilter
    public void answered(ContainerRequestContext request, ContainerResponseContext response, HttpServerRequest http) {
        // Every request a resource answered: the API and the web application's pages (a page that opens a record, or is
        // refused, is an access decision too). Static files never reach a resource filter.
        String path = request.getUriInfo().getPath();
        Caller caller = policy.caller();
        int status = response.getStatus();
        String denied = access.denied();
        boolean allowed = denied == null && status != 401 && status != 403;
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        String client = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        String who = access.actor() != null ? access.actor() : caller.username();
        String roles = access.actor() != null ? access.actorRoles()
                : caller.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        AuditLog.Entry entry = new AuditLog.Entry(who, client, request.getMethod(), path + (query == null ? "" : "?" + query),
                allowed, status, denied);
        RequestAccess.Use use = access.use();
        UseRegister.Use registered = use != null && status >= 200 && status < 300
                ? new UseRegister.Use(who, roles,
                        use.assetId(), use.kind(), use.item(), use.purpose(), null, client)
                : null;
        Runnable write = () -> {
            try {
                log.append(entry);
                if (registered != null) {
                    register.record(registered);
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not write the audit log entry for %s %s", entry.action(), entry.resource());
            }
        };
        if (Context.isOnEventLoopThread()) {
            Infrastructure.getDefaultWorkerPool().execute(write);
        } else {
            write.run();
        }
    }

    void signIn(@Observes AccessEvent e) {
        log.append(new AuditLog.Entry(e.username(), e.client(), e.action(), e.resource(), e.allowed(), e.allowed() ? 200 : 401, e.detail()));
    }
}
