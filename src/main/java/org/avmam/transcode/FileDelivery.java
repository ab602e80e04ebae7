package org.avmam.transcode;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.PathPart;

/**
 * Serves a file with single-range HTTP Range requests (RFC 9110 §14), ETag and Last-Modified
 * revalidation. The body is sent from the file (zero-copy where the platform allows), never read
 * into memory.
 */
public final class FileDelivery {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private FileDelivery() {}

    public record ByteRange(long start, long end) {
        long length() {
            return end - start + 1;
        }
    }

    public static Response serve(Path file, String contentType, Request request, String rangeHeader) {
        return serve(file, contentType, request, rangeHeader, null);
    }

    /** {@code downloadName}: when set, the response asks the browser to save the file under that name. */
    public static Response serve(Path file, String contentType, Request request, String rangeHeader, String downloadName) {
        long size;
        Date modified;
        try {
            size = Files.size(file);
            modified = new Date(Files.getLastModifiedTime(file).toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EntityTag etag = new EntityTag(Long.toHexString(size) + "-" + Long.toHexString(modified.getTime()));
        Response.ResponseBuilder notModified = request.evaluatePreconditions(modified, etag);
        if (notModified != null) {
            return notModified.tag(etag).build();
        }
        CacheControl cache = new CacheControl();
        cache.setMaxAge(3600);
        Response.ResponseBuilder rb;
        Optional<ByteRange> range;
        try {
            range = parseRange(rangeHeader, size);
        } catch (RangeNotSatisfiable e) {
            return Response.status(416).header("Content-Range", "bytes */" + size).header("Accept-Ranges", "bytes").build();
        }
        if (range.isPresent()) {
            ByteRange r = range.get();
            rb = Response.status(206)
                    .entity(new PathPart(file, r.start(), r.length()))
                    .header("Content-Range", "bytes " + r.start() + "-" + r.end() + "/" + size);
        } else {
            rb = Response.ok(file.toFile());
        }
        if (downloadName != null) {
            rb.header("Content-Disposition", ContentDisposition.attachment(downloadName));
        }
        return rb.type(contentType).tag(etag).lastModified(modified).cacheControl(cache).header("Accept-Ranges", "bytes").build();
    }

    /**
     * The one range asked for, clamped to the file; empty for no header or a form we do not
     * serve partially (several ranges), which RFC 9110 lets us answer with the whole file.
     */
    public static Optional<ByteRange> parseRange(String header, long size) throws RangeNotSatisfiable {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = RANGE.matcher(header.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String a = m.group(1);
        String b = m.group(2);
        if (a.isEmpty() && b.isEmpty()) {
            return Optional.empty();
        }
        long start;
        long end;
        if (a.isEmpty()) {
            long suffix = Long.parseLong(b);
            if (suffix == 0) {
                throw new RangeNotSatisfiable();
            }
            start = Math.max(0, size - suffix);
            end = size - 1;
        } else {
            start = Long.parseLong(a);
            end = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            if (!b.isEmpty() && Long.parseLong(b) < start) {
                return Optional.empty();
            }
        }
        if (start >= size) {
            throw new RangeNotSatisfiable();
        }
        return Optional.of(new ByteRange(start, end));
    }

    public static class RangeNotSatisfiable extends Exception {}

    /** Opens {@code length} bytes from {@code offset} of a stored object ({@code length} -1: to its end). */
    @FunctionalInterface
    public interface RangeReader {
        java.io.InputStream open(long offset, long length) throws IOException;
    }

    /**
     * A file that is not on local disk (an original in an S3 bucket): each request reads only the
     * range it asks for from the store, streamed, and the strong ETag is the content's digest.
     */
    public static Response serveStream(long size, String sha256, java.time.Instant stored, String contentType, Request request,
            String rangeHeader, String downloadName, RangeReader reader) {
        EntityTag etag = new EntityTag(sha256);
        Date modified = Date.from(stored);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(modified, etag);
        if (notModified != null) {
            return notModified.tag(etag).build();
        }
        Optional<ByteRange> range;
        try {
            range = parseRange(rangeHeader, size);
        } catch (RangeNotSatisfiable e) {
            return Response.status(416).header("Content-Range", "bytes */" + size).header("Accept-Ranges", "bytes").build();
        }
        long from = range.map(ByteRange::start).orElse(0L);
        long length = range.map(ByteRange::length).orElse(size);
        jakarta.ws.rs.core.StreamingOutput body = out -> {
            try (java.io.InputStream in = reader.open(from, length)) {
                in.transferTo(out);
            }
        };
        Response.ResponseBuilder rb = range.isPresent()
                ? Response.status(206).entity(body).header("Content-Range", "bytes " + from + "-" + (from + length - 1) + "/" + size)
                : Response.ok(body);
        if (downloadName != null) {
            rb.header("Content-Disposition", ContentDisposition.attachment(downloadName));
        }
        CacheControl cache = new CacheControl();
        cache.setMaxAge(3600);
        return rb.type(contentType).tag(etag).lastModified(modified).cacheControl(cache).header("Accept-Ranges", "bytes")
                .header("Content-Length", length).build();
    }

}
