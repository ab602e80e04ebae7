package org.avmam.ingest.sidecar;

import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.properties.XMPProperty;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.avmam.ingest.Supplied;

/**
 * XMP sidecars (Lightroom, Bridge, darktable write "IMG_0001.xmp" or "IMG_0001.CR2.xmp" beside the
 * file), read with Adobe's XMPCore (which metadata-extractor brings).
 */
public final class XmpSidecar {

    private static final String DC = "http://purl.org/dc/elements/1.1/";
    private static final String PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/";
    private static final String IPTC_CORE = "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/";

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
            XMPMeta xmp = XMPMetaFactory.parse(in);
            List<String> keywords = new ArrayList<>();
            int n = xmp.countArrayItems(DC, "subject");
            for (int i = 1; i <= n; i++) {
                keywords.add(xmp.getArrayItem(DC, "subject", i).getValue());
            }
            return new Supplied(localized(xmp, "title"), localized(xmp, "description"), keywords, firstOf(xmp, DC, "creator"),
                    text(xmp, PHOTOSHOP, "DateCreated"), place(xmp));
        } catch (XMPException e) {
            throw new IOException("the XMP sidecar " + sidecar.getFileName() + " is malformed: " + e.getMessage(), e);
        }
    }

    private static String place(XMPMeta xmp) throws XMPException {
        String location = text(xmp, IPTC_CORE, "Location");
        String city = text(xmp, PHOTOSHOP, "City");
        if (location != null && city != null) {
            return location + ", " + city;
        }
        return location != null ? location : city;
    }

    private static String localized(XMPMeta xmp, String property) throws XMPException {
        XMPProperty p = xmp.getLocalizedText(DC, property, null, "x-default");
        return p == null || p.getValue().isBlank() ? null : p.getValue().strip();
    }

    private static String firstOf(XMPMeta xmp, String ns, String array) throws XMPException {
        return xmp.countArrayItems(ns, array) > 0 ? xmp.getArrayItem(ns, array, 1).getValue() : null;
    }

    private static String text(XMPMeta xmp, String ns, String property) throws XMPException {
        XMPProperty p = xmp.getProperty(ns, property);
        return p == null || p.getValue() == null || p.getValue().isBlank() ? null : p.getValue().strip();
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
