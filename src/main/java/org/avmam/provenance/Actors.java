package org.avmam.provenance;

/**
 * Who is acting now: the signed-in user of the current request, or null for the service itself.
 * Implemented where sign-in lives (org.avmam.access), so provenance depends on no user model.
 */
public interface Actors {
    String current();
}
