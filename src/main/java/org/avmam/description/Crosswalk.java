package org.avmam.description;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.avmam.archive.ArchivalCodes;
import org.avmam.asset.Asset;
import org.avmam.ingest.Batch;
import org.avmam.ingest.Supplied;
import org.avmam.asset.ImageMetadata;
import org.avmam.asset.TechnicalMetadata;
import org.avmam.vocabulary.Term;

/**
 * Everything known of an asset, by the source names the element definitions use ("embedded.title",
 * "image.captured", "batch.event", "terms.PERSON", "video.frameRate"...). An element takes the
 * first of its sources that has a value. Pure.
 */
public final class Crosswalk {

    private Crosswalk() {}

    public static Map<String, Object> sources(Asset a, TechnicalMetadata t, Supplied s, Batch b, List<Term> terms) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("system.aggregationLevel", "件");
        m.put("system.category", ArchivalCodes.category(a.mediaType));
        m.put("asset.title", a.title);
        m.put("asset.fonds", a.fonds);
        m.put("asset.archivalCode", a.archivalCode);
        m.put("asset.retentionPeriod", a.retentionPeriod);
        m.put("asset.securityClassification", a.securityClassification);
        m.put("asset.openStatus", a.openStatus == null ? null : a.openStatus.name());
        m.put("asset.originalFilename", a.originalFilename);
        m.put("asset.mimeType", a.mimeType);
        m.put("asset.sizeBytes", a.sizeBytes);
        m.put("asset.sha256", a.sha256);
        if (b != null) {
            m.put("batch.fonds", b.fonds);
            m.put("batch.event", b.event);
            m.put("batch.eventDate", b.eventDate);
            m.put("batch.place", b.place);
            m.put("batch.photographer", b.photographer);
            m.put("batch.interviewer", b.interviewer);
        }
        if (s != null) {
            m.put("supplied.title", s.title());
            m.put("supplied.caption", s.caption());
            m.put("supplied.keywords", s.keywords());
            m.put("supplied.creator", s.creator());
            m.put("supplied.date", s.date());
            m.put("supplied.place", s.place());
            m.put("supplied.event", s.event());
            m.put("supplied.persons", s.persons());
        }
        if (t != null) {
            m.put("technical.width", t.width());
            m.put("technical.height", t.height());
            m.put("technical.durationSeconds", t.durationSeconds());
            m.put("technical.bitRate", t.bitRate());
            TechnicalMetadata.Embedded e = t.embedded();
            if (e != null) {
                m.put("embedded.title", e.title());
                m.put("embedded.creator", e.creator());
                m.put("embedded.caption", e.caption());
                m.put("embedded.keywords", e.keywords());
                m.put("embedded.make", e.make());
                m.put("embedded.model", e.model());
                m.put("embedded.lens", e.lens());
            }
            image(m, t.image());
            if (t.av() != null) {
                m.put("av.creationTime", t.av().creationTime());
                m.put("av.timecode", t.av().timecode());
                if (t.av().bext() != null) {
                    m.put("bext.description", t.av().bext().description());
                    m.put("bext.originator", t.av().bext().originator());
                }
            }
            if (t.streams() != null) {
                t.streams().stream().filter(x -> "video".equals(x.type())).findFirst().ifPresent(v -> {
                    m.put("video.codec", v.codec());
                    m.put("video.resolution", v.width() == null ? null : v.width() + "×" + v.height());
                    m.put("video.frameRate", v.frameRate());
                    m.put("video.displayAspectRatio", v.displayAspectRatio());
                    m.put("video.fieldOrder", v.fieldOrder());
                });
                t.streams().stream().filter(x -> "audio".equals(x.type())).findFirst().ifPresent(au -> {
                    m.put("audio.codec", au.codec());
                    m.put("audio.sampleRate", au.sampleRate());
                    m.put("audio.bitDepth", au.bitDepth());
                    m.put("audio.channels", au.channels());
                });
            }
        }
        for (Term.Vocabulary v : Term.Vocabulary.values()) {
            List<String> labels = terms.stream().filter(x -> x.vocabulary == v).map(x -> x.label).toList();
            m.put("terms." + v.name(), labels);
        }
        m.values().removeIf(Crosswalk::empty);
        return m;
    }

    private static void image(Map<String, Object> m, ImageMetadata i) {
        if (i == null) {
            return;
        }
        m.put("image.captured", i.captured());
        m.put("image.digitised", i.digitised());
        m.put("image.modified", i.modified());
        m.put("image.latitude", i.latitude());
        m.put("image.longitude", i.longitude());
        m.put("image.altitude", i.altitude());
        m.put("image.imageDirection", i.imageDirection());
        m.put("image.gpsTime", i.gpsTime());
        m.put("image.bodySerial", i.bodySerial());
        m.put("image.personsShown", i.personsShown());
        m.put("image.colourProfile", i.colourProfile());
        List<String> place = new ArrayList<>();
        for (String p : new String[] {i.location(), i.city(), i.province(), i.country()}) {
            if (p != null && !p.isBlank()) {
                place.add(p.strip());
            }
        }
        m.put("image.place", place.isEmpty() ? null : String.join(", ", place));
    }

    /** The value an element takes from its sources: the first that has one. */
    public static Source fill(DescriptionSchema.Element e, Map<String, Object> sources) {
        for (String s : e.sources()) {
            Object v = sources.get(s);
            if (!empty(v)) {
                return new Source(s, v);
            }
        }
        return null;
    }

    public record Source(String name, Object value) {}

    static boolean empty(Object v) {
        return v == null || (v instanceof String s && s.isBlank()) || (v instanceof Collection<?> c && c.isEmpty());
    }
}
