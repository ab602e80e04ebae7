package org.avmam.archive;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Gapless counters. {@link #next} raises the scope's counter inside the caller's transaction: the
 * row stays locked until it commits (concurrent callers queue), and a rollback gives the number
 * back. So numbers are consecutive, none skipped, none given twice, on PostgreSQL and H2 alike.
 */
@ApplicationScoped
public class Sequences {

    private final EntityManager em;

    public Sequences(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public long next(String scope) {
        if (raise(scope) == 0) {
            create(scope);
            if (raise(scope) == 0) {
                throw new IllegalStateException("the counter " + scope + " cannot be raised");
            }
        }
        return current(scope);
    }

    /** The last number given in the scope, 0 if none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long current(String scope) {
        var rows = em.createNativeQuery("SELECT last_value FROM archival_sequence WHERE scope = ?1").setParameter(1, scope)
                .getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.getFirst()).longValue();
    }

    private int raise(String scope) {
        return em.createNativeQuery("UPDATE archival_sequence SET last_value = last_value + 1 WHERE scope = ?1")
                .setParameter(1, scope).executeUpdate();
    }

    /** The counter's row, made in its own transaction; another request making it at the same moment is fine. */
    private void create(String scope) {
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "INSERT INTO archival_sequence (scope, last_value) VALUES (?1, 0)").setParameter(1, scope).executeUpdate());
        } catch (RuntimeException e) {
            // Made by a concurrent request at the same moment: the row is there, which is all we need.
            if (!isDuplicate(e)) {
                throw e;
            }
        }
    }

    private static boolean isDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
