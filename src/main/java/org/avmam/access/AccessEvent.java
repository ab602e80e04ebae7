package org.avmam.access;

/**
 * An access decision made below the API's resources (a sign-in), fired as a CDI event so that the
 * audit log records it without sign-in depending on the audit package.
 */
public record AccessEvent(String username, String client, String action, String resource, boolean allowed, String detail) {}
