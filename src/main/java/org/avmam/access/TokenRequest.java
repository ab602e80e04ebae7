package org.avmam.access;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A personal API token presented as {@code Authorization: Bearer avmam_…}. */
public class TokenRequest extends BaseAuthenticationRequest {

    private final String token;

    public TokenRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
