package org.avmam.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A small tus 1.0.0 client for the importer: create, then PATCH chunks with a sha1 checksum; a
 * broken connection resumes from the server's offset (HEAD) a few times before giving up.
 */
final class TusClient {

    private static final int RETRIES = 5;

    private final HttpClient http;
    private final URI server;
    private final long chunkBytes;

    private final String token;

    TusClient(HttpClient http, URI server, long chunkBytes, String token) {
        this.token = token;
        this.http = http;
        this.server = server;
        this.chunkBytes = chunkBytes;
    }

    /** A refusal by the server (4xx/5xx), with its problem detail. */
    static final class Refused extends IOException {
        Refused(int status, String body) {
            super("HTTP " + status + ": " + detail(body));
        }
    }

    /**
     * Uploads the file; returns the Asset-Location the server answered with. A file of one chunk
     * or less goes with its creation request (creation-with-upload): one request, not two.
     */
    String upload(Path file, Map<String, String> metadata) throws IOException, InterruptedException {
        long length = java.nio.file.Files.size(file);
        HttpResponse<String> created = length > 0 && length <= chunkBytes ? createWithBody(file, metadata, length)
                : send(creation(metadata, length).POST(HttpRequest.BodyPublishers.noBody()).build());
        var done = created.headers().firstValue("Asset-Location");
        if (done.isPresent()) {
            return done.get();
        }
        URI upload = server.resolve(created.headers().firstValue("Location").orElseThrow(() -> new IOException("no Location")));
        long offset = Long.parseLong(created.headers().firstValue("Upload-Offset").orElse("0"));
        int failures = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (true) {
                try {
                    if (offset == length && length > 0) {
                        break;
                    }
                    int n = (int) Math.min(chunkBytes, length - offset);
                    ByteBuffer buf = ByteBuffer.allocate(n);
                    while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) > 0) {
                        // read the whole chunk
                    }
                    byte[] chunk = buf.array();
                    HttpResponse<String> r = send(tus(upload)
                            .header("Content-Type", "application/offset+octet-stream")
                            .header("Upload-Offset", Long.toString(offset))
                            .header("Upload-Checksum", "sha1 " + Base64.getEncoder().encodeToString(sha1(chunk)))
                            .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(chunk)).build());
                    offset = Long.parseLong(r.headers().firstValue("Upload-Offset").orElse("-1"));
                    var asset = r.headers().firstValue("Asset-Location");
                    if (asset.isPresent()) {
                        return asset.get();
                    }
                    if (length == 0) {
                        throw new IOException("the server made no asset of an empty file");
                    }
                } catch (Refused e) {
                    throw e;
                } catch (IOException e) {
                    if (++failures > RETRIES) {
                        throw e;
                    }
                    Thread.sleep(500L << failures);
                    HttpResponse<String> head = send(tus(upload).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
                    offset = Long.parseLong(head.headers().firstValue("Upload-Offset").orElse("0"));
                }
            }
        }
        HttpResponse<String> head = send(tus(upload).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        return head.headers().firstValue("Asset-Location").orElseThrow(() -> new IOException("the upload finished without an asset"));
    }

    private HttpRequest.Builder creation(Map<String, String> metadata, long length) {
        return tus(server.resolve("/api/v1/uploads"))
                .header("Upload-Length", Long.toString(length))
                .header("Upload-Metadata", encode(metadata));
    }

    /** The whole file in the creation request; a broken connection starts the file again, a few times. */
    private HttpResponse<String> createWithBody(Path file, Map<String, String> metadata, long length)
            throws IOException, InterruptedException {
        byte[] all = java.nio.file.Files.readAllBytes(file);
        if (all.length != length) {
            throw new IOException(file + " changed while it was read");
        }
        for (int failures = 0;; failures++) {
            try {
                return send(creation(metadata, length)
                        .header("Content-Type", "application/offset+octet-stream")
                        .header("Upload-Checksum", "sha1 " + Base64.getEncoder().encodeToString(sha1(all)))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(all)).build());
            } catch (Refused e) {
                throw e;
            } catch (IOException e) {
                if (failures >= RETRIES) {
                    throw e;
                }
                Thread.sleep(500L << (failures + 1));
            }
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 400) {
            throw new Refused(r.statusCode(), r.body());
        }
        return r;
    }

    private HttpRequest.Builder tus(URI uri) {
        return ServerOption.signed(HttpRequest.newBuilder(uri), token).timeout(Duration.ofMinutes(10)).header("Tus-Resumable", "1.0.0");
    }

    static String encode(Map<String, String> metadata) {
        return metadata.entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getValue().isBlank())
                .map(e -> e.getKey() + " " + Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)))
                .collect(Collectors.joining(","));
    }

    private static byte[] sha1(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The "detail" of a problem+json body, or the body itself. */
    static String detail(String body) {
        try {
            String detail = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("detail").asText("");
            if (!detail.isEmpty()) {
                return detail;
            }
        } catch (IOException notJson) {
            // fall through to the raw body
        }
        return body.length() > 300 ? body.substring(0, 300) : body;
    }
}
