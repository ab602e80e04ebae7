package org.avmam.access;

import java.util.Locale;
import java.util.Set;
import org.avmam.api.ApiException;

/** The password policy for local accounts: long enough, not the user name, not a well-known password. */
final class PasswordPolicy {

    private static final Set<String> KNOWN = Set.of("password", "password123", "123456789012", "qwertyuiop", "iloveyou",
            "administrator", "changeme", "letmein", "welcome", "avmam", "passw0rd", "1234567890", "abcdefghijkl");

    private PasswordPolicy() {}

    static void check(String username, String password, int minLength) {
        if (password == null || password.isEmpty()) {
            throw ApiException.badRequest("a password is required");
        }
        if (password.codePointCount(0, password.length()) < minLength) {
            throw ApiException.badRequest("the password is at least {0} characters long", minLength);
        }
        if (password.length() > 72) {
            // bcrypt reads 72 bytes; anything after would be silently ignored.
            throw ApiException.badRequest("the password is at most 72 characters long");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (lower.contains(username.toLowerCase(Locale.ROOT))) {
            throw ApiException.badRequest("the password may not contain the user name");
        }
        if (KNOWN.contains(lower) || lower.chars().distinct().count() < 4) {
            throw ApiException.badRequest("the password is too easy to guess; choose another");
        }
    }
}
