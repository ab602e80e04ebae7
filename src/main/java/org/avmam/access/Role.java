package org.avmam.access;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The roles of the audio-visual department and its readers, with the permission matrix: this
 * enum is the only place that says which role may do what (docs/access.md prints it).
 */
public enum Role {
    ADMIN(EnumSet.allOf(Permission.class)),
    ARCHIVIST(EnumSet.of(Permission.UPLOAD, Permission.DESCRIBE, Permission.CODE, Permission.REVIEW, Permission.CLIP,
            Permission.COLLECT, Permission.EXPORT, Permission.DOWNLOAD_ORIGINAL, Permission.SEE_UNREVIEWED, Permission.SEE_CLOSED,
            Permission.SEE_CLASSIFIED, Permission.READ_USE_REGISTER, Permission.DISPOSE)),
    /** Describes their own uploads until an archivist has coded them (AccessPolicy#permits). */
    PHOTOGRAPHER(EnumSet.of(Permission.UPLOAD, Permission.COLLECT, Permission.DOWNLOAD_ORIGINAL, Permission.SEE_UNREVIEWED)),
    EDITOR(EnumSet.of(Permission.CLIP, Permission.COLLECT, Permission.EXPORT, Permission.DOWNLOAD_ORIGINAL, Permission.SEE_UNREVIEWED)),
    EXHIBITION(EnumSet.of(Permission.COLLECT, Permission.EXPORT, Permission.DOWNLOAD_ORIGINAL, Permission.SEE_UNREVIEWED)),
    /** Outside the archive's staff: sees what is open, downloads it with a stated purpose. */
    READER(EnumSet.of(Permission.COLLECT, Permission.DOWNLOAD_ORIGINAL));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    /** Staff are every role but READER: their use of open records is work, not use to be registered. */
    public boolean staff() {
        return this != READER;
    }

    /** The role a name stands for, case ignored (OIDC claims often carry lower case). */
    public static Optional<Role> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
