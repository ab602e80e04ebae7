package org.avmam.access;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who is asking: a signed-in user with their roles, an anonymous visitor of the reading room, or
 * the service itself (pipeline workers, the hot folder), which acts for no user.
 */
public record Caller(String username, Set<Role> roles, Kind kind) {

    public enum Kind { USER, ANONYMOUS, SYSTEM }

    public static final Caller SYSTEM = new Caller("avmam", EnumSet.of(Role.ADMIN), Kind.SYSTEM);
    public static final Caller ANONYMOUS = new Caller(null, Set.of(), Kind.ANONYMOUS);

    public static Caller user(String username, Set<Role> roles) {
        return new Caller(username, roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles), Kind.USER);
    }

    public boolean has(Permission p) {
        return roles.stream().anyMatch(r -> r.permissions().contains(p));
    }

    public boolean anonymous() {
        return kind == Kind.ANONYMOUS;
    }

    /** One of the archive's staff roles (anyone signed in with a role other than READER). */
    public boolean staff() {
        return roles.stream().anyMatch(Role::staff);
    }

    public boolean is(String user) {
        return username != null && username.equals(user);
    }
}
