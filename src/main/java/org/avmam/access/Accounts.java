package org.avmam.access;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.avmam.api.ApiException;
import org.avmam.config.AvmamConfig;

/** Local accounts: creating them, changing them, and checking a password with throttling. */
@ApplicationScoped
public class Accounts {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    private final AvmamConfig.Access config;
    private final ApiTokens tokens;
    /** A hash to compare against when the user does not exist, so an unknown name takes as long as a wrong password. */
    private final String decoy;

    public Accounts(AvmamConfig config, ApiTokens tokens) {
        this.config = config.access();
        this.tokens = tokens;
        this.decoy = BcryptUtil.bcryptHash("decoy-" + UUID.randomUUID(), this.config.bcryptCost());
    }

    public record AccountView(UUID id, String username, String displayName, Role role, boolean disabled, boolean locked,
            Instant createdAt) {
        static AccountView of(Account a) {
            return new AccountView(a.id, a.username, a.displayName, a.role, a.disabled,
                    a.lockedUntil != null && a.lockedUntil.isAfter(Instant.now()), a.createdAt);
        }
    }

    public record NewAccount(String username, String password, String role, String displayName) {}

    @Transactional
    public AccountView create(NewAccount n) {
        if (n == null || n.username() == null) {
            throw ApiException.badRequest("the body is {\"username\": ..., \"password\": ..., \"role\": {0}}", List.of(Role.values()));
        }
        String username = n.username().strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(username).matches()) {
            throw ApiException.badRequest("a user name is 2 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit (got '{0}')", n.username());
        }
        Role role = role(n.role());
        PasswordPolicy.check(username, n.password(), config.minPasswordLength());
        if (Account.byName(username) != null) {
            throw new ApiException(409, "Conflict", "an account '{0}' already exists", username);
        }
        Account a = new Account();
        a.id = UUID.randomUUID();
        a.username = username;
        a.displayName = n.displayName() == null || n.displayName().isBlank() ? null : n.displayName().strip();
        a.role = role;
        a.passwordHash = BcryptUtil.bcryptHash(n.password(), config.bcryptCost());
        a.createdAt = Instant.now();
        a.updatedAt = a.createdAt;
        a.persist();
        return AccountView.of(a);
    }

    static Role role(String name) {
        if (name == null) {
            throw ApiException.badRequest("role is one of {0}", List.of(Role.values()));
        }
        return Role.named(name).orElseThrow(() -> ApiException.badRequest("role is one of {0} (got '{1}')", List.of(Role.values()), name));
    }

    @Transactional
    public List<AccountView> list() {
        return Account.<Account>list("order by username").stream().map(AccountView::of).toList();
    }

    @Transactional
    public AccountView get(String username) {
        return AccountView.of(require(username));
    }

    public record AccountPatch(String password, String role, Boolean disabled, String displayName) {}

    /** Changes an account; a new password also lifts a lock. */
    @Transactional
    public AccountView update(String username, AccountPatch p) {
        if (p == null || (p.password() == null && p.role() == null && p.disabled() == null && p.displayName() == null)) {
            throw ApiException.badRequest("send what changes: password, role, disabled, displayName");
        }
        Account a = require(username);
        if (p.password() != null) {
            PasswordPolicy.check(a.username, p.password(), config.minPasswordLength());
            a.passwordHash = BcryptUtil.bcryptHash(p.password(), config.bcryptCost());
            a.failedLogins = 0;
            a.lockedUntil = null;
        }
        if (p.role() != null) {
            a.role = role(p.role());
        }
        if (p.disabled() != null) {
            a.disabled = p.disabled();
        }
        if (p.displayName() != null) {
            a.displayName = p.displayName().isBlank() ? null : p.displayName().strip();
        }
        a.updatedAt = Instant.now();
        tokens.forget(a.username);
        return AccountView.of(a);
    }

    static Account require(String username) {
        Account a = username == null ? null : Account.byName(username.strip().toLowerCase(Locale.ROOT));
        if (a == null) {
            throw ApiException.notFound("no account '{0}'", username);
        }
        return a;
    }

    /** The account if it exists and is not disabled. */
    @Transactional
    public Account active(String username) {
        Account a = username == null ? null : Account.byName(username);
        return a == null || a.disabled ? null : a;
    }

    /** How a sign-in went. */
    public enum Outcome { OK, WRONG, LOCKED, DISABLED }

    public record Check(Outcome outcome, Account account, Instant lockedUntil) {}

    /**
     * Checks a password and counts failures: after {@code max-failed-sign-ins} in a row the account
     * is locked for {@code lockout}, and while it is locked even the right password is refused.
     * Commits the count whatever the outcome (the caller turns a failure into an exception).
     */
    @Transactional
    public Check check(String username, String password) {
        Account a = username == null ? null : Account.byName(username.strip().toLowerCase(Locale.ROOT));
        if (a == null || a.passwordHash == null) {
            BcryptUtil.matches(password == null ? "" : password, decoy);
            return new Check(Outcome.WRONG, null, null);
        }
        Instant now = Instant.now();
        if (a.lockedUntil != null && a.lockedUntil.isAfter(now)) {
            return new Check(Outcome.LOCKED, a, a.lockedUntil);
        }
        boolean ok = password != null && BcryptUtil.matches(password, a.passwordHash);
        if (!ok) {
            a.failedLogins++;
            if (a.failedLogins >= config.maxFailedSignIns()) {
                a.failedLogins = 0;
                a.lockedUntil = now.plus(config.lockout());
                return new Check(Outcome.LOCKED, a, a.lockedUntil);
            }
            return new Check(Outcome.WRONG, a, null);
        }
        if (a.disabled) {
            return new Check(Outcome.DISABLED, a, null);
        }
        a.failedLogins = 0;
        a.lockedUntil = null;
        return new Check(Outcome.OK, a, null);
    }

    /** Creates {@code admin} when there is no admin at all; answers whether it did. */
    @Transactional
    public boolean createAdminIfNone(String password) {
        if (Account.count("role", Role.ADMIN) > 0) {
            return false;
        }
        create(new NewAccount("admin", password, Role.ADMIN.name(), "Administrator"));
        return true;
    }
}
