package org.avmam.clips;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.avmam.access.AccessPolicy;
import org.avmam.access.Caller;
import org.avmam.access.Permission;
import org.avmam.api.ApiException;
import org.avmam.asset.Asset;
import org.avmam.asset.OpenStatus;
import org.avmam.audit.UseRegister;
import org.avmam.storage.BlobStore;

/**
 * A sequence's cut list with its media beside it, as one zip an editor unpacks and opens: the list
 * refers to {@code media/<file name>}, and the originals are there under those names, so the
 * editing software relinks everything at once. Streamed as it is read (each original once, stored
 * uncompressed), so a sequence over many gigabytes costs no memory and the download starts at once.
 */
@ApplicationScoped
public class SequenceBundle {

    private final BlobStore blobs;
    private final org.avmam.storage.BlobIntegrity integrity;
    private final AccessPolicy policy;
    private final UseRegister register;

    public SequenceBundle(BlobStore blobs, org.avmam.storage.BlobIntegrity integrity, AccessPolicy policy, UseRegister register) {
        this.blobs = blobs;
        this.integrity = integrity;
        this.policy = policy;
        this.register = register;
    }

    /** The originals the zip will carry, by file name; refused before a byte is sent when one may not go out. */
    public Map<String, Path> media(CutList list, Caller caller, String purpose, String client) {
        if (!caller.has(Permission.DOWNLOAD_ORIGINAL)) {
            throw new ApiException(403, "Forbidden", "a package of a sequence carries the originals: it needs the permission {0}", Permission.DOWNLOAD_ORIGINAL);
        }
        Map<String, Path> media = new LinkedHashMap<>();
        Map<String, UUID> owners = new LinkedHashMap<>();
        for (CutList.Event e : list.events()) {
            if (e.gap() || owners.containsValue(e.assetId())) {
                continue;
            }
            Asset a = io.quarkus.narayana.jta.QuarkusTransaction.joiningExisting().call(() -> Asset.<Asset>findById(e.assetId()));
            if (!policy.seesWhole(caller, a)) {
                throw ApiException.notFound("no clip with id {0}", e.clipId());
            }
            if ((!caller.staff() || a.openStatus == OpenStatus.CLOSED) && (purpose == null || purpose.isBlank())) {
                throw ApiException.badRequest("purpose is required: the originals in this package are entered in the use register with the reason for it (add ?purpose=...)");
            }
            UUID other = owners.get(e.fileName());
            if (other != null) {
                throw new ApiException(409, "File names clash", "records {0} and {1} are both called {2}; the cut list could not tell them apart in one folder", other, a.id, e.fileName());
            }
            owners.put(e.fileName(), a.id);
            integrity.requireSound(a.sha256, a.id);
            try {
                media.put(e.fileName(), blobs.path(a.sha256));
            } catch (java.io.IOException io) {
                throw new java.io.UncheckedIOException(io);
            }
            if (!caller.staff() || a.openStatus != OpenStatus.OPEN) {
                register.record(new UseRegister.Use(caller.username(), caller.roles().toString(), a.id, "EXPORT", "original in sequence "
                        + list.title(), purpose, null, client));
            }
        }
        return media;
    }

    /** Writes {@code <folder>/<cut list>} and {@code <folder>/media/<file>} for each original. */
    public static void write(OutputStream out, String folder, String cutListName, String cutList, Map<String, Path> media) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        zip.setLevel(Deflater.NO_COMPRESSION);
        zip.putNextEntry(new ZipEntry(folder + "/" + cutListName));
        zip.write(cutList.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        byte[] buffer = new byte[1 << 16];
        for (Map.Entry<String, Path> m : media.entrySet()) {
            zip.putNextEntry(new ZipEntry(folder + "/media/" + m.getKey()));
            try (InputStream in = Files.newInputStream(m.getValue())) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    zip.write(buffer, 0, n);
                }
            }
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }
}
