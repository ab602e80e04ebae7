package org.avmam.similar;

import org.avmam.access.Permission;
import org.avmam.access.Requires;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.avmam.api.ApiException;
import org.avmam.asset.MediaType;
import org.avmam.common.FileTrees;
import org.avmam.config.AvmamConfig;
import org.avmam.ingest.ContentDetector;
import org.avmam.jobs.JobFailure;
import org.avmam.transcode.StillSource;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Search by a picture: the records that look like it (a print found in a drawer, a still from a broadcast). */
@Path("/api/v1/search/similar")
@Produces("application/json")
public class ImageSearchResource {

    static final long MAX_BYTES = 100L * 1024 * 1024;

    private final SimilarService similar;
    private final Fingerprinter fingerprinter;
    private final ContentDetector detector;
    private final StillSource stills;
    private final java.nio.file.Path tmp;
    private final org.avmam.access.AccessPolicy policy;

    public ImageSearchResource(SimilarService similar, Fingerprinter fingerprinter, ContentDetector detector, StillSource stills,
            AvmamConfig config, org.avmam.access.AccessPolicy policy) {
        this.policy = policy;
        this.similar = similar;
        this.fingerprinter = fingerprinter;
        this.detector = detector;
        this.stills = stills;
        this.tmp = config.dataDir().resolve("tmp");
    }

    @Requires({})
    @POST
    @Consumes("*/*")
    @Operation(summary = "Search by image", description = "The picture as the request body (any type avmam ingests, up to 100 MB); "
            + "answers the photos and videos that look like it, closest first, with where in a video.")
    public List<SimilarService.Match> search(InputStream body, @QueryParam("maxDistance") String maxDistanceParam,
            @QueryParam("limit") String limitParam) throws IOException, InterruptedException {
        int maxDistance = SimilarService.maxDistance(maxDistanceParam);
        int limit = SimilarService.limit(limitParam);
        java.nio.file.Path dir = Files.createDirectories(tmp).resolve("image-search-" + UUID.randomUUID());
        try {
            Files.createDirectories(dir);
            java.nio.file.Path file = dir.resolve("query");
            InputStream in = new BufferedInputStream(body, 64 * 1024);
            ContentDetector.Detected detected = detector.detect(in); // leaves the stream at its start
            long size = copy(in, file);
            if (size == 0) {
                throw ApiException.badRequest("the body is empty: send the picture as the request body");
            }
            if (detected.mediaType().orElse(null) != MediaType.IMAGE) {
                throw new ApiException(415, "Not a picture", "the body is {0}; search by image takes a picture", detected.mimeType());
            }
            Fingerprinter.Frame frame;
            try {
                StillSource.Decodable d = stills.prepare(file, null, detected.mimeType(), "query", dir.resolve("decoded"));
                frame = fingerprinter.picture(d.path());
            } catch (JobFailure e) {
                throw new ApiException(422, "Unreadable picture", "the picture cannot be decoded: {0}", e.getMessage());
            }
            return similar.search(List.of(frame), null, maxDistance, limit, SimilarResource.shown(policy));
        } finally {
            FileTrees.delete(dir);
        }
    }

    private static long copy(InputStream in, java.nio.file.Path file) throws IOException {
        long n = 0;
        byte[] buf = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            int r;
            while ((r = in.read(buf)) > 0) {
                n += r;
                if (n > MAX_BYTES) {
                    throw new ApiException(413, "Too large", "a picture to search by may be {0} MB at most", MAX_BYTES / (1024 * 1024));
                }
                out.write(buf, 0, r);
            }
        }
        return n;
    }
}
