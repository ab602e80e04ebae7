package org.avmam.vocabulary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.avmam.api.ApiException;
import org.avmam.asset.Asset;
import org.avmam.common.Json;
import org.avmam.provenance.Provenance;
import org.avmam.common.NativeRows;

/**
 * People, places, events and keywords as controlled vocabularies. Archivists add accepted terms;
 * anyone linking an asset to a value the vocabulary lacks proposes it; a proposal is accepted, or
 * merged into the term it duplicates (the target takes over its links, and its labels become
 * alternatives, so searches by the old spelling still find the records). Every change that alters
 * what an asset's search document says goes through the search outbox.
 */
@ApplicationScoped
public class Vocabularies {

    private static final int MAX_LABEL = 255;

    public record TermView(UUID id, Term.Vocabulary vocabulary, String label, List<String> altLabels, Term.Status status,
            UUID mergedInto, String note, long assets) {}

    public record NewTerm(String label, List<String> altLabels, Term.Status status, String note) {}

    private final EntityManager em;
    private final jakarta.enterprise.event.Event<org.avmam.asset.AssetChanged> changed;
    private final Provenance provenance;

    public Vocabularies(EntityManager em, jakarta.enterprise.event.Event<org.avmam.asset.AssetChanged> changed, Provenance provenance) {
        this.em = em;
        this.changed = changed;
        this.provenance = provenance;
    }

    public static Term.Vocabulary vocabulary(String name) {
        try {
            return Term.Vocabulary.valueOf(name.toUpperCase(Locale.ROOT).replaceAll("S$", ""));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no vocabulary '{0}'; they are persons, places, events, keywords", name);
        }
    }

    @Transactional
    public TermView create(Term.Vocabulary vocabulary, NewTerm n) {
        String label = label(n.label());
        if (find(vocabulary, label) != null) {
            throw new ApiException(409, "Term exists", "{0} '{1}' is already in the vocabulary", vocabulary.name().toLowerCase(Locale.ROOT), label);
        }
        Term t = newTerm(vocabulary, label, n.altLabels(), n.status() == null ? Term.Status.ACCEPTED : n.status(), n.note());
        if (t.status == Term.Status.MERGED) {
            throw ApiException.badRequest("a new term is PROPOSED or ACCEPTED");
        }
        return view(t);
    }

    @Transactional
    public TermView update(UUID id, NewTerm n) {
        Term t = get(id);
        if (n.label() != null) {
            String label = label(n.label());
            Term other = find(t.vocabulary, label);
            if (other != null && !other.id.equals(id)) {
                throw new ApiException(409, "Term exists", "'{0}' is another term; merge the two instead", label);
            }
            t.label = label;
        }
        if (n.altLabels() != null) {
            t.altLabels = Json.write(alternatives(n.altLabels(), t.label));
        }
        if (n.note() != null) {
            t.note = n.note().isBlank() ? null : n.note().strip();
        }
        t.updatedAt = Instant.now();
        reindexLinked(id);
        return view(t);
    }

    @Transactional
    public TermView accept(UUID id) {
        Term t = get(id);
        if (t.status == Term.Status.MERGED) {
            throw new ApiException(409, "Merged", "this term was merged into {0}; it cannot be accepted", t.mergedInto);
        }
        t.status = Term.Status.ACCEPTED;
        t.updatedAt = Instant.now();
        return view(t);
    }

    /** Folds {@code id} into {@code intoId}: links move, labels become alternatives of the target. */
    @Transactional
    public TermView merge(UUID id, UUID intoId) {
        if (id.equals(intoId)) {
            throw ApiException.badRequest("a term cannot be merged into itself");
        }
        Term from = em.find(Term.class, id, LockModeType.PESSIMISTIC_WRITE);
        Term into = em.find(Term.class, intoId, LockModeType.PESSIMISTIC_WRITE);
        if (from == null || into == null) {
            throw ApiException.notFound("no term {0}", (from == null ? id : intoId));
        }
        if (from.vocabulary != into.vocabulary) {
            throw new ApiException(422, "Different vocabularies", "a {0} cannot be merged into a {1}", from.vocabulary.name().toLowerCase(Locale.ROOT), into.vocabulary.name().toLowerCase(Locale.ROOT));
        }
        if (from.status == Term.Status.MERGED || into.status == Term.Status.MERGED) {
            throw new ApiException(409, "Merged", "merge into the term that survived, not into or from a merged one");
        }
        List<String> alts = new ArrayList<>(into.alternatives());
        alts.add(from.label);
        alts.addAll(from.alternatives());
        into.altLabels = Json.write(alternatives(alts, into.label));
        into.updatedAt = Instant.now();
        @SuppressWarnings("unchecked")
        List<Object> linked = em.createNativeQuery("SELECT asset_id FROM asset_term WHERE term_id = ?1").setParameter(1, id).getResultList();
        for (Object a : linked) {
            UUID assetId = NativeRows.uuid(a);
            if (AssetTerm.count("assetId = ?1 and termId = ?2", assetId, intoId) == 0) {
                AssetTerm at = new AssetTerm();
                at.assetId = assetId;
                at.termId = intoId;
                at.persist();
            }
        }
        AssetTerm.delete("termId", id);
        from.status = Term.Status.MERGED;
        from.mergedInto = intoId;
        from.updatedAt = Instant.now();
        em.flush();
        reindexLinked(intoId);
        return view(into);
    }

    /**
     * Links the asset to the term with this label (or one of its alternatives), proposing a new
     * term when the vocabulary has none; a merged term's links go to the term it became.
     */
    @Transactional
    public TermView link(UUID assetId, Term.Vocabulary vocabulary, String value, UUID termId, String agent) {
        Asset asset = Asset.findById(assetId, LockModeType.PESSIMISTIC_WRITE);
        if (asset == null) {
            throw org.avmam.asset.AssetService.notFound(assetId);
        }
        Term t;
        if (termId != null) {
            t = get(termId);
        } else {
            String label = label(value);
            t = find(vocabulary, label);
            if (t == null) {
                t = byAlternative(vocabulary, label);
            }
            if (t == null) {
                t = newTerm(vocabulary, label, List.of(), Term.Status.PROPOSED, null);
            }
        }
        while (t.status == Term.Status.MERGED) {
            t = get(t.mergedInto);
        }
        if (AssetTerm.count("assetId = ?1 and termId = ?2", assetId, t.id) == 0) {
            AssetTerm at = new AssetTerm();
            at.assetId = assetId;
            at.termId = t.id;
            at.persist();
            provenance.record(assetId, Provenance.METADATA_MODIFICATION, Provenance.Outcome.SUCCESS, agent,
                    t.vocabulary.name().toLowerCase(Locale.ROOT) + " '" + t.label + "' linked"
                            + (t.status == Term.Status.PROPOSED ? " (proposed term)" : ""));
            changed.fire(new org.avmam.asset.AssetChanged(assetId));
        }
        return view(t);
    }

    @Transactional
    public void unlink(UUID assetId, UUID termId) {
        if (AssetTerm.delete("assetId = ?1 and termId = ?2", assetId, termId) == 0) {
            throw ApiException.notFound("asset {0} is not linked to term {1}", assetId, termId);
        }
        provenance.record(assetId, Provenance.METADATA_MODIFICATION, Provenance.Outcome.SUCCESS, null, "term " + termId + " unlinked");
        changed.fire(new org.avmam.asset.AssetChanged(assetId));
    }

    /** Terms whose label or an alternative begins with {@code prefix} (case and accents ignored), accepted before proposed. */
    @Transactional
    public List<TermView> list(Term.Vocabulary vocabulary, String prefix, Term.Status status, int limit) {
        String p = prefix == null ? "" : fold(prefix);
        List<Term> all = Term.list("vocabulary = ?1 order by status, label", vocabulary);
        List<TermView> out = new ArrayList<>();
        for (Term t : all) {
            if (status != null ? t.status != status : t.status == Term.Status.MERGED) {
                continue;
            }
            boolean match = p.isEmpty() || fold(t.label).startsWith(p) || t.alternatives().stream().anyMatch(a -> fold(a).startsWith(p));
            if (match) {
                out.add(view(t));
                if (out.size() >= limit) {
                    break;
                }
            }
        }
        return out;
    }

    @Transactional
    public List<TermView> ofAsset(UUID assetId) {
        return Term.ofAsset(assetId).stream().map(this::view).toList();
    }

    @Transactional
    public TermView view(UUID id) {
        return view(get(id));
    }

    private TermView view(Term t) {
        long assets = AssetTerm.count("termId", t.id);
        return new TermView(t.id, t.vocabulary, t.label, t.alternatives(), t.status, t.mergedInto, t.note, assets);
    }

    private Term newTerm(Term.Vocabulary vocabulary, String label, List<String> alts, Term.Status status, String note) {
        Term t = new Term();
        t.id = UUID.randomUUID();
        t.vocabulary = vocabulary;
        t.label = label;
        t.altLabels = Json.write(alternatives(alts == null ? List.of() : alts, label));
        t.status = status;
        t.note = note == null || note.isBlank() ? null : note.strip();
        t.createdAt = Instant.now();
        t.updatedAt = t.createdAt;
        t.persist();
        return t;
    }

    private void reindexLinked(UUID termId) {
        @SuppressWarnings("unchecked")
        List<Object> linked = em.createNativeQuery("SELECT asset_id FROM asset_term WHERE term_id = ?1").setParameter(1, termId).getResultList();
        linked.forEach(a -> changed.fire(new org.avmam.asset.AssetChanged(NativeRows.uuid(a))));
    }

    private static Term find(Term.Vocabulary vocabulary, String label) {
        return Term.find("vocabulary = ?1 and label = ?2", vocabulary, label).firstResult();
    }

    private static Term byAlternative(Term.Vocabulary vocabulary, String label) {
        String f = fold(label);
        for (Term t : Term.<Term>list("vocabulary = ?1 and status <> ?2", vocabulary, Term.Status.MERGED)) {
            if (t.alternatives().stream().anyMatch(a -> fold(a).equals(f))) {
                return t;
            }
        }
        return null;
    }

    private static Term get(UUID id) {
        Term t = Term.findById(id);
        if (t == null) {
            throw ApiException.notFound("no term {0}", id);
        }
        return t;
    }

    private static String label(String s) {
        if (s == null || s.isBlank()) {
            throw ApiException.badRequest("label is required");
        }
        String l = Normalizer.normalize(s.strip(), Normalizer.Form.NFC);
        if (l.length() > MAX_LABEL || l.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("a label is at most {0} characters with no control characters", MAX_LABEL);
        }
        return l;
    }

    private static List<String> alternatives(List<String> given, String label) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String a : given) {
            if (a != null && !a.isBlank()) {
                String l = label(a);
                if (!l.equals(label)) {
                    out.add(l);
                }
            }
        }
        return List.copyOf(out);
    }

    /** Lower case without accents, so "zhang" finds "Zhāng" and "ZHANG". */
    static String fold(String s) {
        return Normalizer.normalize(s.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }
}
