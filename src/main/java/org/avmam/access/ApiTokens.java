package org.avmam.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.avmam.api.ApiException;
import org.avmam.config.AvmamConfig;

/**
 * Personal API tokens: 256 random bits, shown once, kept as their SHA-256 (a token has too much
 * entropy to guess, so a fast hash suffices and a lookup by hash stays one indexed query).
 */
@ApplicationScoped
public class ApiTokens {

    public static final String PREFIX = "avmam_";
    /** last_used_at is written at most this often, not on every request. */
    private static final Duration TOUCH = Duration.ofMinutes(1);

    /**
     * Tokens resolved in the last {@link #CACHE_FOR}: a request signed with one is authenticated on
     * the event loop with no database round trip (uploads hook their body up there, and a bulk
     * import sends thousands of requests). A revocation here takes effect at once; on other nodes,
     * and for a disabled account or a changed role, within {@link #CACHE_FOR}.
     */
    static final Duration CACHE_FOR = Duration.ofSeconds(10);
    private static final int CACHE_MAX = 10_000;

    public record Known(String username, Role role, Instant expiresAt, String name, Instant cachedAt) {}

    private final java.util.concurrent.ConcurrentHashMap<String, Known> cache = new java.util.concurrent.ConcurrentHashMap<>();

    private final AvmamConfig.Access config;

    public ApiTokens(AvmamConfig config) {
        this.config = config.access();
    }

    /** The avmam token in an Authorization header, or null when it holds none. */
    static String bearer(String header) {
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String t = header.substring(7).strip();
        return t.startsWith(PREFIX) ? t : null;
    }

    /** Whether a string looks like one of our tokens (used to refuse one sent as a cookie). */
    public static boolean looksLikeToken(String s) {
        return s != null && s.startsWith(PREFIX) && s.length() >= PREFIX.length() + 40;
    }

    public record Created(UUID id, String token, String name, Instant expiresAt) {}

    public record TokenView(UUID id, String name, Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {
        static TokenView of(ApiToken t) {
            return new TokenView(t.id, t.name, t.createdAt, t.expiresAt, t.revokedAt, t.lastUsedAt);
        }
    }

    @Transactional
    public Created create(String username, String name, Instant expiresAt) {
        Account a = Accounts.require(username);
        if (name == null || name.isBlank() || name.length() > 100) {
            throw ApiException.badRequest("a token has a name of 1 to 100 characters, saying what it is for (e.g. \"import laptop\")");
        }
        Instant now = Instant.now();
        Instant expiry = expiresAt == null ? now.plus(config.tokenLifetime()) : expiresAt;
        if (!expiry.isAfter(now)) {
            throw ApiException.badRequest("expiresAt is in the past ({0})", expiry);
        }
        if (expiry.isAfter(now.plus(config.maxTokenLifetime()))) {
            throw ApiException.badRequest("a token lasts at most {0} days (expiresAt {1})", config.maxTokenLifetime().toDays(), expiry);
        }
        String token = Secrets.newSecret(PREFIX);
        ApiToken t = new ApiToken();
        t.id = UUID.randomUUID();
        t.accountId = a.id;
        t.name = name.strip();
        t.tokenHash = hash(token);
        t.createdAt = now;
        t.expiresAt = expiry;
        t.persist();
        return new Created(t.id, token, t.name, t.expiresAt);
    }

    @Transactional
    public List<TokenView> list(String username) {
        Account a = Accounts.require(username);
        return ApiToken.<ApiToken>list("accountId = ?1 order by createdAt desc", a.id).stream().map(TokenView::of).toList();
    }

    @Transactional
    public TokenView revoke(String username, UUID id) {
        Account a = Accounts.require(username);
        ApiToken t = id == null ? null : ApiToken.findById(id);
        if (t == null || !t.accountId.equals(a.id)) {
            throw ApiException.notFound("no token {0} of '{1}'", id, username);
        }
        if (t.revokedAt == null) {
            t.revokedAt = Instant.now();
        }
        cache.remove(t.tokenHash);
        return TokenView.of(t);
    }

    /** Forgets this user's cached tokens (their account was disabled or its role changed). */
    public void forget(String username) {
        cache.values().removeIf(k -> k.username().equals(username));
    }

    /** The token's holder if it was resolved in the last {@link #CACHE_FOR} and has not expired since; else null. */
    public Known cached(String token) {
        String hash = hash(token);
        Known k = cache.get(hash);
        Instant now = Instant.now();
        if (k == null || k.cachedAt().plus(CACHE_FOR).isBefore(now) || !k.expiresAt().isAfter(now)) {
            return null;
        }
        return k;
    }

    /** The account behind a token, or why there is none (the problem names it: unknown, expired, revoked, disabled). */
    public record Resolved(Account account, String username, String problem) {}

    @Transactional
    public Resolved resolve(String token) {
        ApiToken t = ApiToken.find("tokenHash", hash(token)).firstResult();
        if (t == null) {
            return new Resolved(null, null, "the token is not known (mistyped, or from another installation)");
        }
        Account a = Account.findById(t.accountId);
        Instant now = Instant.now();
        if (t.revokedAt != null) {
            return new Resolved(null, a.username, "the token '" + t.name + "' was revoked at " + t.revokedAt);
        }
        if (!t.expiresAt.isAfter(now)) {
            return new Resolved(null, a.username, "the token '" + t.name + "' expired at " + t.expiresAt);
        }
        if (a.disabled) {
            return new Resolved(null, a.username, "the account '" + a.username + "' is disabled");
        }
        if (t.lastUsedAt == null || t.lastUsedAt.isBefore(now.minus(TOUCH))) {
            t.lastUsedAt = now;
        }
        if (cache.size() >= CACHE_MAX) {
            cache.clear();
        }
        cache.put(t.tokenHash, new Known(a.username, a.role, t.expiresAt, t.name, now));
        return new Resolved(a, a.username, null);
    }

    static String hash(String token) {
        return Secrets.hash(token);
    }
}
