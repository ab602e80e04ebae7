package org.avmam.archive;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.avmam.api.ApiException;

/** Registering fonds and showing their arrangement. */
@ApplicationScoped
public class FondsService {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{1,16}");

    public record FondsView(String code, String name, String itemPattern, String groupPattern, Instant createdAt) {
        static FondsView of(Fonds f) {
            return new FondsView(f.code, f.name, f.itemPattern, f.groupPattern, f.createdAt);
        }
    }

    public record NewFonds(String code, String name, String itemPattern, String groupPattern) {}

    /** The arrangement: category → year → retention → groups (number → items) and items outside groups. */
    public record Tree(String fonds, long arranged, long unarranged, List<Category> categories) {}

    public record Category(String code, List<Year> years) {}

    public record Year(int year, List<Retention> retention) {}

    public record Retention(String code, long items, Map<Integer, Long> groups) {}

    private final EntityManager em;

    public FondsService(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public FondsView create(NewFonds n) {
        if (n == null || n.code() == null || !CODE.matcher(n.code()).matches()) {
            throw ApiException.badRequest("code is 1 to 16 letters or digits, e.g. J019 (got {0})", (n == null ? null : "'" + n.code() + "'"));
        }
        if (n.name() == null || n.name().isBlank() || n.name().length() > 255) {
            throw ApiException.badRequest("name is required (at most 255 characters)");
        }
        if (Fonds.findById(n.code()) != null) {
            throw new ApiException(409, "Fonds exists", "the fonds {0} is already registered", n.code());
        }
        Fonds f = new Fonds();
        f.code = n.code();
        f.name = n.name().strip();
        f.itemPattern = pattern(n.itemPattern(), CodePattern.DEFAULT_ITEM, false, "itemPattern");
        f.groupPattern = pattern(n.groupPattern(), CodePattern.DEFAULT_GROUP, true, "groupPattern");
        f.createdAt = Instant.now();
        f.persist();
        return FondsView.of(f);
    }

    /** New patterns apply to codes given from now on; codes already given never change. */
    @Transactional
    public FondsView update(String code, NewFonds n) {
        Fonds f = find(code);
        if (n.name() != null && !n.name().isBlank()) {
            f.name = n.name().strip();
        }
        if (n.itemPattern() != null) {
            f.itemPattern = pattern(n.itemPattern(), null, false, "itemPattern");
        }
        if (n.groupPattern() != null) {
            f.groupPattern = pattern(n.groupPattern(), null, true, "groupPattern");
        }
        return FondsView.of(f);
    }

    public List<FondsView> list() {
        return Fonds.<Fonds>listAll(io.quarkus.panache.common.Sort.by("code")).stream().map(FondsView::of).toList();
    }

    public FondsView get(String code) {
        return FondsView.of(find(code));
    }

    @Transactional
    public Tree tree(String code) {
        find(code);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT archival_category, archival_year, retention_period, group_number, COUNT(*)
                  FROM asset WHERE fonds = ?1 AND archival_code IS NOT NULL
                 GROUP BY archival_category, archival_year, retention_period, group_number
                 ORDER BY archival_category, archival_year, retention_period, group_number""").setParameter(1, code).getResultList();
        long unarranged = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM asset WHERE fonds = ?1 AND archival_code IS NULL")
                .setParameter(1, code).getSingleResult()).longValue();
        Map<String, Map<Integer, Map<String, long[]>>> items = new LinkedHashMap<>();
        Map<String, Map<Integer, Map<String, Map<Integer, Long>>>> groups = new LinkedHashMap<>();
        long arranged = 0;
        for (Object[] r : rows) {
            String cat = (String) r[0];
            int year = ((Number) r[1]).intValue();
            String ret = (String) r[2];
            long n = ((Number) r[4]).longValue();
            arranged += n;
            items.computeIfAbsent(cat, k -> new LinkedHashMap<>()).computeIfAbsent(year, k -> new LinkedHashMap<>())
                    .computeIfAbsent(ret, k -> new long[1]);
            Map<Integer, Long> g = groups.computeIfAbsent(cat, k -> new LinkedHashMap<>()).computeIfAbsent(year, k -> new LinkedHashMap<>())
                    .computeIfAbsent(ret, k -> new LinkedHashMap<>());
            if (r[3] == null) {
                items.get(cat).get(year).get(ret)[0] += n;
            } else {
                g.put(((Number) r[3]).intValue(), n);
            }
        }
        List<Category> categories = new ArrayList<>();
        items.forEach((cat, years) -> {
            List<Year> ys = new ArrayList<>();
            years.forEach((year, rets) -> {
                List<Retention> rs = new ArrayList<>();
                rets.forEach((ret, count) -> rs.add(new Retention(ret, count[0], groups.get(cat).get(year).get(ret))));
                ys.add(new Year(year, rs));
            });
            categories.add(new Category(cat, ys));
        });
        return new Tree(code, arranged, unarranged, categories);
    }

    private static Fonds find(String code) {
        Fonds f = Fonds.findById(code);
        if (f == null) {
            throw ApiException.notFound("no fonds {0}", code);
        }
        return f;
    }

    private static String pattern(String given, String dflt, boolean grouped, String field) {
        String p = given == null || given.isBlank() ? dflt : given.strip();
        List<String> problems = CodePattern.problems(p, grouped);
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("{0} '{1}': {2}", field, p, String.join("; ", problems));
        }
        return p;
    }
}
