package org.avmam.search;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.avmam.asset.Asset;
import org.avmam.asset.AssetState;
import org.avmam.asset.MediaType;
import org.avmam.asset.OpenStatus;
import org.avmam.common.Json;
import org.avmam.ingest.Supplied;
import org.avmam.asset.TechnicalMetadata;
import org.avmam.speech.Segment;
import org.avmam.speech.TranscriptVersion;

/**
 * Catalogue records written straight into the database, as the pipeline would have left them, and
 * queued in the search outbox: the search tests need many records with exact fields, not the time
 * it takes to probe and render real files (EndToEndTest covers that path).
 */
final class SearchFixtures {

    private SearchFixtures() {}

    static final class Spec {
        MediaType type = MediaType.IMAGE;
        String title;
        String caption;
        List<String> keywords = List.of();
        List<String> persons = List.of();
        String event;
        String place;
        String date;
        String make;
        String model;
        Double lat;
        Double lon;
        Double duration;
        String fonds;
        OpenStatus openStatus = OpenStatus.UNREVIEWED;
        String classification;
        List<Segment> segments;
        String language = "en";

        Spec type(MediaType t) { type = t; return this; }
        Spec title(String s) { title = s; return this; }
        Spec caption(String s) { caption = s; return this; }
        Spec keywords(String... k) { keywords = List.of(k); return this; }
        Spec persons(String... p) { persons = List.of(p); return this; }
        Spec event(String s) { event = s; return this; }
        Spec place(String s) { place = s; return this; }
        Spec date(String s) { date = s; return this; }
        Spec camera(String mk, String md) { make = mk; model = md; return this; }
        Spec at(double la, double lo) { lat = la; lon = lo; return this; }
        Spec duration(double d) { duration = d; return this; }
        Spec fonds(String f) { fonds = f; return this; }
        Spec open(OpenStatus s) { openStatus = s; return this; }
        Spec classification(String c) { classification = c; return this; }
        Spec segments(Segment... s) { segments = List.of(s); return this; }
        Spec language(String l) { language = l; return this; }
    }

    static Spec spec() {
        return new Spec();
    }

    static Segment segment(int id, double start, double end, String text) {
        return new Segment(id, start, end, null, text, List.of());
    }

    /** Writes the records and their outbox rows in one transaction, then waits until the outbox is sent. */
    static List<UUID> create(SearchOutbox outbox, List<Spec> specs) {
        List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> {
            List<UUID> out = new ArrayList<>();
            for (Spec s : specs) {
                Asset a = new Asset();
                a.id = UUID.randomUUID();
                a.state = AssetState.READY;
                a.mediaType = s.type;
                a.mimeType = switch (s.type) {
                    case IMAGE -> "image/jpeg";
                    case VIDEO -> "video/mp4";
                    case AUDIO -> "audio/wav";
                };
                a.sha256 = (a.id.toString().replace("-", "") + "0".repeat(32));
                a.sizeBytes = 1000;
                a.originalFilename = "fixture-" + a.id + (s.type == MediaType.IMAGE ? ".jpg" : ".mp4");
                a.title = s.title;
                a.language = s.language;
                a.fonds = s.fonds;
                a.openStatus = s.openStatus;
                a.securityClassification = s.classification;
                TechnicalMetadata.Embedded e = new TechnicalMetadata.Embedded(s.make, s.model, null, s.date, null, s.lat, s.lon, null,
                        s.caption, s.keywords, null, null);
                a.technical = Json.write(new TechnicalMetadata(s.type == MediaType.IMAGE ? "jpeg" : "mp4", s.duration, null, 100, 100,
                        s.type == MediaType.VIDEO, s.type != MediaType.IMAGE, List.of(), e, "fixture"));
                a.supplied = Json.write(new Supplied(null, null, List.of(), null, null, s.place, s.event, s.persons));
                a.createdAt = Instant.now();
                a.updatedAt = a.createdAt;
                a.persist();
                if (s.segments != null) {
                    TranscriptVersion v = new TranscriptVersion();
                    v.assetId = a.id;
                    v.version = 1;
                    v.source = TranscriptVersion.Source.MACHINE;
                    v.language = s.language;
                    v.model = "fixture";
                    v.segments = Json.write(s.segments);
                    v.createdAt = a.createdAt;
                    v.persist();
                }
                outbox.enqueue(a.id);
                out.add(a.id);
            }
            return out;
        });
        awaitSent(outbox, Duration.ofSeconds(60));
        return ids;
    }

    static void awaitSent(SearchOutbox outbox, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (outbox.status().pending() > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the search outbox was not sent within " + limit + ": " + outbox.status());
            }
            sleep(100);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
