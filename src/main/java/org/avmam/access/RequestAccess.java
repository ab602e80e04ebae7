package org.avmam.access;

import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/**
 * What the access gate decided for this request, for the audit log and the use register to
 * record once the answer is known (org.avmam.audit).
 */
@RequestScoped
public class RequestAccess {

    /** The use of a record's content this request makes, registered if it succeeds. */
    public record Use(UUID assetId, String kind, String item, String purpose) {}

    private String denied;
    private Use use;
    private boolean restricted;
    private String actor;
    private String actorRoles;

    /**
     * The request acts for someone who is not signed in but holds a secret (a share link): the
     * audit log and the use register name them so.
     */
    public void actor(String name, String roles) {
        this.actor = name;
        this.actorRoles = roles;
    }

    public String actor() {
        return actor;
    }

    public String actorRoles() {
        return actorRoles;
    }

    /** The answer carries a record that is not open: no shared cache may keep it. */
    public void restricted() {
        restricted = true;
    }

    public boolean isRestricted() {
        return restricted;
    }

    public void denied(String why) {
        if (denied == null) {
            denied = why;
        }
    }

    public String denied() {
        return denied;
    }

    public void use(Use use) {
        this.use = use;
    }

    public Use use() {
        return use;
    }
}
