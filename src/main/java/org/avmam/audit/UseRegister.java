package org.avmam.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.avmam.asset.Asset;
import org.avmam.common.Where;

/**
 * The use register: every view of a non-open record's content, and every download or export of an
 * original by someone outside the staff roles, with the stated purpose. A player's many range
 * requests for one rendition are one use: a repeat by the same user of the same item within
 * {@link #REPEAT} is not entered again, unless it states another purpose.
 */
@ApplicationScoped
public class UseRegister {

    static final Duration REPEAT = Duration.ofHours(1);

    public record Use(String username, String roles, UUID assetId, String kind, String item, String purpose, String approval,
            String client) {}

    public void record(Use u) {
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = Instant.now();
            long recent = UseEntry.count("username = ?1 and assetId = ?2 and item = ?3 and kind = ?4 and at > ?5"
                    + (u.purpose() == null ? " and purpose is null" : " and purpose = ?6"),
                    u.purpose() == null ? new Object[] {u.username(), u.assetId(), u.item(), u.kind(), now.minus(REPEAT)}
                            : new Object[] {u.username(), u.assetId(), u.item(), u.kind(), now.minus(REPEAT), u.purpose()});
            if (recent > 0) {
                return;
            }
            Asset a = Asset.findById(u.assetId());
            UseEntry e = new UseEntry();
            e.at = now;
            e.username = u.username() == null ? "(anonymous)" : u.username();
            e.roles = u.roles();
            e.assetId = u.assetId();
            e.archivalCode = a == null ? null : a.archivalCode;
            e.openStatus = a == null ? "?" : a.openStatus.name();
            e.kind = u.kind();
            e.item = u.item();
            e.purpose = u.purpose() == null ? null : u.purpose().length() > 500 ? u.purpose().substring(0, 499) + "…" : u.purpose();
            e.approval = u.approval();
            e.client = u.client();
            e.persist();
        });
    }

    public record UseView(long id, Instant at, String username, String roles, UUID asset, String archivalCode, String openStatus,
            String kind, String item, String purpose, String approval, String client) {
        static UseView of(UseEntry e) {
            return new UseView(e.id, e.at, e.username, e.roles, e.assetId, e.archivalCode, e.openStatus, e.kind, e.item, e.purpose,
                    e.approval, e.client);
        }
    }

    @Transactional
    public List<UseView> find(String user, UUID asset, Instant from, Instant to, int page, int size) {
        Where w = new Where()
                .and("username = :user", "user", user)
                .and("assetId = :asset", "asset", asset)
                .and("at >= :from", "from", from)
                .and("at < :to", "to", to);
        return UseEntry.<UseEntry>find(w.query("order by at desc, id desc"), w.params()).page(Page.of(page, size)).list().stream()
                .map(UseView::of).toList();
    }

    public static String csv(List<UseView> uses) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader("at", "user", "roles", "asset", "archival code",
                "open status", "kind", "item", "purpose", "approval", "client").get())) {
            for (UseView u : uses) {
                p.printRecord(u.at(), u.username(), u.roles(), u.asset(), u.archivalCode(), u.openStatus(), u.kind(), u.item(), u.purpose(),
                        u.approval(), u.client());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
