package org.avmam.collections;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.avmam.access.AccessPolicy;
import org.avmam.access.Caller;
import org.avmam.api.ApiException;
import org.avmam.asset.Asset;
import org.avmam.audit.UseRegister;
import org.avmam.clips.export.ClipExport;
import org.avmam.clips.export.ClipExports;
import org.avmam.common.Json;
import org.avmam.config.AvmamConfig;
import org.avmam.description.DescriptionExport;
import org.avmam.description.DescriptionSchema;
import org.avmam.description.DescriptionService;
import org.avmam.jobs.Job;
import org.avmam.jobs.JobFailure;
import org.avmam.jobs.JobHandler;
import org.avmam.jobs.JobProgress;
import org.avmam.jobs.JobQueue;
import org.avmam.jobs.JobType;
import org.avmam.storage.BlobStore;
import org.avmam.transcode.RenditionService;

/**
 * BagIt packages of collections. What goes in is decided when the package is asked for, from what
 * the requester may see whole, and its size is known then, so a package over the limit is refused
 * before a byte is written. A PACKAGE job builds it; a restarted job builds it again from the start.
 */
@ApplicationScoped
public class Packages implements JobHandler {

    /** One record in a package: its files under data/ and what the CSV manifest says of it. */
    public record Item(UUID asset, String media, String file, long size, String sha256, String archivalCode, String title,
            String originalFilename, String mediaType, Double durationSeconds, String timecode, String item) {}

    private final CollectionService collections;
    private final org.avmam.clips.SequenceService sequences;
    private final ClipExports clipExports;
    private final AccessPolicy policy;
    private final BlobStore blobs;
    private final org.avmam.storage.BlobIntegrity integrity;
    private final RenditionService renditions;
    private final DescriptionService descriptions;
    private final JobQueue jobs;
    private final JobProgress progress;
    private final UseRegister register;
    private final AvmamConfig config;

    public Packages(CollectionService collections, org.avmam.clips.SequenceService sequences, ClipExports clipExports, AccessPolicy policy, BlobStore blobs, org.avmam.storage.BlobIntegrity integrity, RenditionService renditions,
            DescriptionService descriptions, JobQueue jobs, JobProgress progress, UseRegister register, AvmamConfig config) {
        this.collections = collections;
        this.sequences = sequences;
        this.clipExports = clipExports;
        this.policy = policy;
        this.blobs = blobs;
        this.integrity = integrity;
        this.renditions = renditions;
        this.descriptions = descriptions;
        this.jobs = jobs;
        this.progress = progress;
        this.register = register;
        this.config = config;
    }

    @Override
    public JobType type() {
        return JobType.PACKAGE;
    }

    Path zip(UUID id) {
        return config.dataDir().resolve("packages").resolve(id + ".zip");
    }

    /** One thing to pack: a record, or a clip of one. */
    record Source(UUID asset, UUID clip) {}

    @Transactional
    public BagPackage request(UUID collectionId, JsonNode body, Caller caller, String client) {
        Collection c = collections.require(collectionId, caller, CollectionService.Rights.VIEW);
        List<Source> sources = collections.visibleItems(c, caller).stream().map(i -> new Source(i.assetId, i.clipId)).toList();
        BagPackage p = build(sources, body, caller, "collection " + c.id, "POST /api/v1/collections/" + c.id + "/renditions");
        p.collectionId = c.id;
        return enqueue(p, caller, c.purpose == null ? "collection " + c.title : c.purpose, client);
    }

    /** A package of a sequence: each record it cuts from (or each clip's export), as the requester sees them. */
    @Transactional
    public BagPackage requestForSequence(UUID sequenceId, JsonNode body, Caller caller, String client) {
        org.avmam.clips.Sequence seq = sequences.visibleTo(sequenceId, caller);
        List<Source> sources = new ArrayList<>();
        for (org.avmam.clips.SequenceService.Item i : sequences.items(seq)) {
            if (i.clip() == null) {
                continue;
            }
            org.avmam.clips.Clip clip = org.avmam.clips.Clip.findById(i.clip());
            if (clip != null && policy.maySee(caller, Asset.findById(clip.assetId))) {
                sources.add(new Source(clip.assetId, clip.id));
            }
        }
        BagPackage p = build(sources, body, caller, "sequence " + seq.id, "POST /api/v1/assets/{id}/renditions/{profile}");
        p.sequenceId = seq.id;
        String purpose = body == null ? null : body.path("purpose").asText(null);
        return enqueue(p, caller, purpose == null || purpose.isBlank() ? "sequence " + seq.title : purpose, client);
    }

    private BagPackage build(List<Source> sources, JsonNode body, Caller caller, String what, String howToRender) {
        String content = body == null ? null : body.path("content").asText(null);
        if (content == null || !(content.equals("originals") || content.startsWith("renditions:") || content.equals("clips")
                || content.startsWith("clips:"))) {
            throw ApiException.badRequest("content is \"originals\", \"renditions:<profile>\" or \"clips\" (\"clips:<clip profile>\"); got {0}", (content == null ? "none" : "'" + content + "'"));
        }
        String profile = content.startsWith("renditions:") ? content.substring(11) : null;
        if (profile != null) {
            renditions.renditionProfile(profile);
        }
        String clipProfile = content.startsWith("clips") ? (content.contains(":") ? content.substring(6) : ClipExports.DEFAULT_PROFILE) : null;
        if (clipProfile != null) {
            renditions.clipProfile(clipProfile);
        }
        List<Item> items = new ArrayList<>();
        int n = 0;
        for (Source s : sources) {
            Asset a = Asset.findById(s.asset());
            boolean asClip = clipProfile != null && s.clip() != null;
            boolean packed = asClip ? items.stream().anyMatch(x -> x.item().startsWith("clip:" + s.clip() + " "))
                    : items.stream().anyMatch(x -> x.asset().equals(a.id) && !x.item().startsWith("clip:"));
            if (!policy.seesWhole(caller, a) || packed) {
                continue;
            }
            n++;
            String name = a.originalFilename == null ? a.id.toString() : a.originalFilename;
            String prefix = String.format("%03d", n);
            Double duration = a.technical() == null ? null : a.technical().durationSeconds();
            if (asClip) {
                ClipExport e = clipExports.ready(s.clip(), clipProfile);
                if (e == null) {
                    throw new ApiException(409, "Clip export missing", "clip {0} of record {1} ({2}) has no ready {3} export; export it first (POST /api/v1/clips/{4}/export {\"profile\": \"{5}\"})", s.clip(), a.id, name, clipProfile, s.clip(), clipProfile);
                }
                items.add(new Item(a.id, "media/" + prefix + "-" + e.fileName, clipExports.path(e).toString(), e.sizeBytes, e.sha256, a.archivalCode,
                        a.title, name, a.mediaType.name(), (e.outFrame - e.inFrame) * (double) e.rateDen / e.rateNum, e.timecode,
                        "clip:" + s.clip() + " " + clipProfile));
            } else if (profile == null) {
                integrity.requireSound(a.sha256, a.id);
                Path file;
                try {
                    file = blobs.path(a.sha256);
                } catch (java.io.IOException io) {
                    throw new java.io.UncheckedIOException(io);
                }
                items.add(new Item(a.id, "media/" + prefix + "-" + name, file.toString(), a.sizeBytes, a.sha256, a.archivalCode, a.title, name,
                        a.mediaType.name(), duration, timecode(a), "original"));
            } else {
                RenditionService.RenditionFile f;
                try {
                    f = renditions.file(a.id, profile, null);
                } catch (ApiException none) {
                    throw new ApiException(409, "Rendition missing", "record {0} ({1}) has no ready rendition {2}; request them first ({3})", a.id, name, profile, howToRender);
                }
                long size;
                try {
                    size = Files.size(f.path());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                items.add(new Item(a.id, "media/" + prefix + "-" + f.downloadName(), f.path().toString(), size, null, a.archivalCode, a.title,
                        name, a.mediaType.name(), duration, timecode(a), "rendition:" + profile));
            }
        }
        if (items.isEmpty()) {
            throw new ApiException(422, "Nothing to package", "{0} has no items to package", what);
        }
        long bytes = items.stream().mapToLong(Item::size).sum();
        long max = config.packages().maxBytes().asLongValue();
        if (bytes > max) {
            throw new ApiException(413, "Content Too Large", "the package would hold {0} bytes of media, over the limit of {1} (avmam.packages.max-bytes)", bytes, max);
        }
        BagPackage p = new BagPackage();
        p.id = UUID.randomUUID();
        p.content = content;
        p.items = Json.write(items);
        p.payloadBytes = bytes;
        p.state = BagPackage.State.BUILDING;
        p.createdBy = caller.username();
        p.createdAt = Instant.now();
        return p;
    }

    private BagPackage enqueue(BagPackage p, Caller caller, String purpose, String client) {
        p.persist();
        Job job = jobs.enqueue(null, JobType.PACKAGE, p.id.toString());
        p.jobId = job.id;
        for (Item i : Json.read(p.items, new TypeReference<List<Item>>() {})) {
            register.record(new UseRegister.Use(caller.username(), caller.roles().toString(), i.asset(), "PACKAGE", i.item(), purpose, null, client));
        }
        return p;
    }

    private static String timecode(Asset a) {
        return a.technical() == null || a.technical().av() == null ? null : a.technical().av().timecode();
    }

    @Transactional
    public BagPackage latest(UUID collectionId, Caller caller) {
        collections.require(collectionId, caller, CollectionService.Rights.VIEW);
        return BagPackage.<BagPackage>find("collectionId = ?1 order by createdAt desc", collectionId).firstResult();
    }

    @Transactional
    public BagPackage latestOfSequence(UUID sequenceId, Caller caller) {
        sequences.visibleTo(sequenceId, caller);
        return BagPackage.<BagPackage>find("sequenceId = ?1 order by createdAt desc", sequenceId).firstResult();
    }

    @Transactional
    public Double progress(BagPackage p) {
        Job j = p.jobId == null ? null : Job.findById(p.jobId);
        return j == null ? null : j.progress;
    }

    @Override
    public void run(Job job) throws Exception {
        UUID id = UUID.fromString(job.payload);
        BagPackage p = QuarkusTransaction.requiringNew().call(() -> BagPackage.<BagPackage>findById(id));
        if (p == null) {
            throw new JobFailure("no package " + id);
        }
        String title = QuarkusTransaction.requiringNew().call(() -> {
            if (p.collectionId != null) {
                Collection c = Collection.findById(p.collectionId);
                return c.title + (c.purpose == null ? "" : " (" + c.purpose + ")");
            }
            org.avmam.clips.Sequence seq = org.avmam.clips.Sequence.findById(p.sequenceId);
            return "sequence " + (seq == null ? p.sequenceId : seq.title);
        });
        List<Item> items = Json.read(p.items, new TypeReference<List<Item>>() {});
        Path target = zip(id);
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(id + ".zip.part");
        long[] done = {0};
        long total = p.payloadBytes;
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
            String root = "avmam-" + id.toString().substring(0, 8);
            BagWriter bag = new BagWriter(out, root);
            StringWriter csv = new StringWriter();
            try (CSVPrinter m = new CSVPrinter(csv, CSVFormat.RFC4180.builder().setHeader("file", "archival code", "title", "original file",
                    "media type", "duration (s)", "timecode", "record").get())) {
                int n = 0;
                for (Item i : items) {
                    n++;
                    Path file = Path.of(i.file());
                    if (!Files.isRegularFile(file)) {
                        throw new JobFailure("the file of record " + i.asset() + " is missing: " + file);
                    }
                    bag.payload(new BagWriter.Payload(i.media(), file, null, i.size(), i.sha256()), w -> {
                        done[0] += w;
                        progress.report(job, total == 0 ? 1 : 0.98 * done[0] / total);
                    });
                    String prefix = String.format("metadata/%03d", n);
                    DescriptionService.View v = QuarkusTransaction.requiringNew().call(() -> descriptions.view(i.asset()));
                    byte[] xml = DescriptionExport.datXml(DescriptionSchema.of(v.mediaType()), v).getBytes(StandardCharsets.UTF_8);
                    byte[] dc = Json.write(DescriptionExport.dublinCore(v)).getBytes(StandardCharsets.UTF_8);
                    bag.payload(new BagWriter.Payload(prefix + ".dat.xml", null, xml, xml.length, null), w -> { });
                    bag.payload(new BagWriter.Payload(prefix + ".dc.json", null, dc, dc.length, null), w -> { });
                    String vtt = QuarkusTransaction.requiringNew().call(() -> org.avmam.speech.TranscriptVersion.current(i.asset())
                            .map(t -> org.avmam.speech.CaptionFormats.webVtt(org.avmam.speech.TranscriptService.segments(t))).orElse(null));
                    if (vtt != null) {
                        byte[] captions = vtt.getBytes(StandardCharsets.UTF_8);
                        bag.payload(new BagWriter.Payload(String.format("captions/%03d.vtt", n), null, captions, captions.length, null), w -> { });
                    }
                    m.printRecord(i.media(), i.archivalCode(), i.title(), i.originalFilename(), i.mediaType(), i.durationSeconds(), i.timecode(),
                            i.asset());
                }
            }
            byte[] manifest = csv.toString().getBytes(StandardCharsets.UTF_8);
            bag.payload(new BagWriter.Payload("manifest.csv", null, manifest, manifest.length, null), w -> { });
            Map<String, String> info = new LinkedHashMap<>();
            info.put("Source-Organization", config.packages().sourceOrganization());
            info.put("Bagging-Date", LocalDate.now().toString());
            info.put("External-Description", title + ", " + items.size() + " items, " + p.content);
            info.put("External-Identifier", p.id.toString());
            bag.finish(info);
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        QuarkusTransaction.requiringNew().run(() -> BagPackage.update("state = ?1, finishedAt = ?2 where id = ?3", BagPackage.State.READY,
                Instant.now(), id));
        progress.report(job, 1.0);
    }
}
