package org.avmam.access;

import io.quarkus.security.AuthenticationFailedException;
import java.time.Instant;

/**
 * Why a sign-in was refused when the account is locked after failed attempts: the cause of the
 * {@link AuthenticationFailedException}, turned into 429 with Retry-After by {@link BrowserGuard}.
 */
public class SignInThrottled extends RuntimeException {

    private final Instant until;

    private SignInThrottled(Instant until) {
        super("too many failed sign-ins: the account is locked until " + until, null, false, false);
        this.until = until;
    }

    public static AuthenticationFailedException failure(Instant until) {
        SignInThrottled t = new SignInThrottled(until);
        return new AuthenticationFailedException(t.getMessage(), t);
    }

    public Instant until() {
        return until;
    }
}
