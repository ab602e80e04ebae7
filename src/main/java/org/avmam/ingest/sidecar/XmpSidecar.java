package org.avmam.ingest.sidecar;

import org.avmam.metadata.XmpFields;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMetaFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.avmam.ingest.Supplied;

/**
 * XMP sidecars (Lightroom, Bridge, darktable write "IMG_0001.xmp" or "IMG_0001.CR2.xmp" beside the
 * file), read with Adobe's XMPCore (which metadata-extractor brings).
 */
public final class XmpSidecar {

    private XmpSidecar() {}

    /** The sidecar of {@code file}, if there is one: "name.ext.xmp" first, then "name.xmp". */
    public static Optional<Path> find(Path file) {
        String name = file.getFileName().toString();
        Path dir = file.getParent();
        for (String candidate : List.of(name + ".xmp", name + ".XMP", stem(name) + ".xmp", stem(name) + ".XMP")) {
            Path p = dir.resolve(candidate);
            if (!p.equals(file) && Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static Supplied read(Path sidecar) throws IOException {
        try (InputStream in = Files.newInputStream(sidecar)) {
            XmpFields x = XmpFields.of(XMPMetaFactory.parse(in));
            return new Supplied(x.title(), x.description(), x.keywords(), x.creators().isEmpty() ? null : x.creators().getFirst(),
                    x.dateCreated(), x.place(), null, x.personsShown());
        } catch (XMPException e) {
            throw new IOException("the XMP sidecar " + sidecar.getFileName() + " is malformed: " + e.getMessage(), e);
        }
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
