package org.avmam.metadata;

import org.avmam.asset.TechnicalMetadata;
import org.avmam.asset.ImageMetadata;
import com.adobe.internal.xmp.XMPException;
import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.lang.Rational;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.StringValue;
import com.drew.metadata.Tag;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.icc.IccDirectory;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Image technical and embedded metadata, read with metadata-extractor. Nothing here fails the
 * asset: a file whose metadata is malformed keeps what could be read, and the problems are listed
 * as warnings (the picture itself is ffmpeg's business).
 */
@ApplicationScoped
public class ImageProbe {

    public TechnicalMetadata probe(Path file) throws IOException {
        return probeWithRaw(file).technical();
    }

    public Probed probeWithRaw(Path file) throws IOException {
        Metadata md;
        try {
            md = ImageMetadataReader.readMetadata(file.toFile());
        } catch (ImageProcessingException e) {
            return new Probed(unreadable("no metadata could be read: " + e.getMessage()), null);
        } catch (java.io.EOFException e) {
            // metadata-extractor reports lying segment lengths and cut-off files as EOF: the bytes, not the disk.
            return new Probed(unreadable("the metadata ends where its structure says it goes on (" + e.getMessage() + ")"), null);
        }
        ImageMetadata image = read(md);
        List<String> warnings = image.warnings();
        warnings.addAll(ExifStructure.warnings(file));
        TechnicalMetadata.Embedded embedded = new TechnicalMetadata.Embedded(image.make(), image.model(), image.lens(),
                Plausible.date(exifTime(md), "the time taken", new ArrayList<>()), image.orientation(), image.latitude(), image.longitude(), image.title(), image.caption(),
                image.keywords(), image.creator(), image.copyright());
        Integer width = dimension(md, "Image Width");
        Integer height = dimension(md, "Image Height");
        int[] heif = heifSize(file, fileType(md), warnings);
        if (heif != null) {
            width = heif[0];
            height = heif[1];
        }
        return new Probed(new TechnicalMetadata(fileType(md), null, null,
                Plausible.dimension(width, "image width", warnings),
                Plausible.dimension(height, "image height", warnings),
                false, false, List.of(), embedded, "metadata-extractor", image), raw(md));
    }

    /** Every directory and tag as metadata-extractor describes it, and its errors. */
    static String raw(Metadata md) {
        com.fasterxml.jackson.databind.node.ObjectNode root = org.avmam.common.Json.mapper().createObjectNode();
        for (Directory d : md.getDirectories()) {
            com.fasterxml.jackson.databind.node.ObjectNode dir = root.has(d.getName())
                    ? (com.fasterxml.jackson.databind.node.ObjectNode) root.get(d.getName()) : root.putObject(d.getName());
            for (Tag t : d.getTags()) {
                dir.put(t.getTagName(), t.getDescription());
            }
            if (d.hasErrors()) {
                com.fasterxml.jackson.databind.node.ArrayNode errors = dir.putArray("(errors)");
                d.getErrors().forEach(errors::add);
            }
        }
        return root.toString();
    }

    private static TechnicalMetadata unreadable(String warning) {
        ImageMetadata image = new ImageMetadata(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, List.of(), null, null, null, null, null, null, null, null, List.of(),
                null, List.of(warning));
        return new TechnicalMetadata(null, null, null, null, null, false, false, List.of(), TechnicalMetadata.Embedded.NONE,
                "metadata-extractor", image);
    }

    static ImageMetadata read(Metadata md) {
        ExifIFD0Directory ifd0 = md.getFirstDirectoryOfType(ExifIFD0Directory.class);
        ExifSubIFDDirectory sub = md.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        GpsDirectory gps = md.getFirstDirectoryOfType(GpsDirectory.class);
        IptcDirectory iptc = md.getFirstDirectoryOfType(IptcDirectory.class);
        IccDirectory icc = md.getFirstDirectoryOfType(IccDirectory.class);
        List<String> warnings = new ArrayList<>();
        XmpFields xmp = xmp(md, warnings);
        for (Directory d : md.getDirectories()) {
            for (String error : d.getErrors()) {
                warnings.add(d.getName() + ": " + error);
            }
        }
        boolean iptcUtf8 = iptc != null && "UTF-8".equalsIgnoreCase(iptc.getString(IptcDirectory.TAG_CODED_CHARACTER_SET));
        GeoLocation geo = gps == null ? null : gps.getGeoLocation();
        boolean hasGeo = geo != null && !geo.isZero();
        Double latitude = hasGeo ? Plausible.coordinate(geo.getLatitude(), 90, "GPS latitude", warnings) : null;
        Double longitude = hasGeo ? Plausible.coordinate(geo.getLongitude(), 180, "GPS longitude", warnings) : null;
        if (latitude == null || longitude == null) {
            latitude = null; // a point needs both
            longitude = null;
        }

        return new ImageMetadata(
                exifText(ifd0, ExifIFD0Directory.TAG_MAKE),
                exifText(ifd0, ExifIFD0Directory.TAG_MODEL),
                exifText(sub, ExifSubIFDDirectory.TAG_BODY_SERIAL_NUMBER),
                exifText(sub, ExifSubIFDDirectory.TAG_LENS_MODEL),
                exifText(sub, ExifSubIFDDirectory.TAG_LENS_SERIAL_NUMBER),
                exposureTime(sub),
                decimal(sub, ExifSubIFDDirectory.TAG_FNUMBER),
                integer(sub, ExifSubIFDDirectory.TAG_ISO_EQUIVALENT),
                decimal(sub, ExifSubIFDDirectory.TAG_FOCAL_LENGTH),
                integer(sub, ExifSubIFDDirectory.TAG_35MM_FILM_EQUIV_FOCAL_LENGTH),
                Plausible.date(isoTime(sub, ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL, sub, ExifSubIFDDirectory.TAG_TIME_ZONE_ORIGINAL),
                        "EXIF DateTimeOriginal", warnings),
                Plausible.date(isoTime(sub, ExifSubIFDDirectory.TAG_DATETIME_DIGITIZED, sub, ExifSubIFDDirectory.TAG_TIME_ZONE_DIGITIZED),
                        "EXIF DateTimeDigitized", warnings),
                Plausible.date(isoTime(ifd0, ExifIFD0Directory.TAG_DATETIME, sub, ExifSubIFDDirectory.TAG_TIME_ZONE),
                        "EXIF DateTime", warnings),
                latitude,
                longitude,
                altitude(gps),
                decimal(gps, GpsDirectory.TAG_IMG_DIRECTION),
                gps == null || gps.getGpsDate() == null ? null
                        : DateTimeFormatter.ISO_INSTANT.format(gps.getGpsDate().toInstant().atOffset(ZoneOffset.UTC)),
                integer(ifd0, ExifIFD0Directory.TAG_ORIENTATION),
                first(xmp == null ? null : xmp.title(), iptcText(iptc, IptcDirectory.TAG_OBJECT_NAME, iptcUtf8),
                        xp(ifd0, ExifIFD0Directory.TAG_WIN_TITLE)),
                first(xmp == null ? null : xmp.description(), iptcText(iptc, IptcDirectory.TAG_CAPTION, iptcUtf8),
                        xp(ifd0, ExifIFD0Directory.TAG_WIN_COMMENT), xp(ifd0, ExifIFD0Directory.TAG_WIN_SUBJECT),
                        exifText(ifd0, ExifIFD0Directory.TAG_IMAGE_DESCRIPTION)),
                firstList(xmp == null ? List.of() : xmp.keywords(), iptcList(iptc, IptcDirectory.TAG_KEYWORDS, iptcUtf8),
                        split(xp(ifd0, ExifIFD0Directory.TAG_WIN_KEYWORDS))),
                first(xmp == null || xmp.creators().isEmpty() ? null : String.join("; ", xmp.creators()),
                        iptcText(iptc, IptcDirectory.TAG_BY_LINE, iptcUtf8), xp(ifd0, ExifIFD0Directory.TAG_WIN_AUTHOR),
                        exifText(ifd0, ExifIFD0Directory.TAG_ARTIST)),
                first(xmp == null ? null : xmp.credit(), iptcText(iptc, IptcDirectory.TAG_CREDIT, iptcUtf8)),
                first(xmp == null ? null : xmp.rights(), iptcText(iptc, IptcDirectory.TAG_COPYRIGHT_NOTICE, iptcUtf8),
                        exifText(ifd0, ExifIFD0Directory.TAG_COPYRIGHT)),
                first(xmp == null ? null : xmp.location(), iptcText(iptc, IptcDirectory.TAG_SUB_LOCATION, iptcUtf8)),
                first(xmp == null ? null : xmp.city(), iptcText(iptc, IptcDirectory.TAG_CITY, iptcUtf8)),
                first(xmp == null ? null : xmp.state(), iptcText(iptc, IptcDirectory.TAG_PROVINCE_OR_STATE, iptcUtf8)),
                first(xmp == null ? null : xmp.country(), iptcText(iptc, IptcDirectory.TAG_COUNTRY_OR_PRIMARY_LOCATION_NAME, iptcUtf8)),
                first(xmp == null ? null : xmp.countryCode(),
                        iptcText(iptc, IptcDirectory.TAG_COUNTRY_OR_PRIMARY_LOCATION_CODE, iptcUtf8)),
                xmp == null ? List.of() : xmp.personsShown(),
                icc == null ? null : clean(icc.getDescription(IccDirectory.TAG_TAG_desc)),
                warnings);
    }

    private static XmpFields xmp(Metadata md, List<String> warnings) {
        XmpDirectory dir = md.getFirstDirectoryOfType(XmpDirectory.class);
        if (dir == null || dir.getXMPMeta() == null) {
            return null;
        }
        try {
            return XmpFields.of(dir.getXMPMeta());
        } catch (XMPException | RuntimeException e) {
            warnings.add("XMP: " + e.getMessage());
            return null;
        }
    }

    /** The camera's own "yyyy:MM:dd HH:mm:ss", as search has always shown it. */
    private static String exifTime(Metadata md) {
        ExifSubIFDDirectory sub = md.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        return exifText(sub, ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL);
    }

    /** "2024:05:01 10:15:30" and "+08:00" → "2024-05-01T10:15:30+08:00"; without an offset, local time as recorded. */
    static String isoTime(Directory d, int tag, Directory offsetDir, int offsetTag) {
        String t = exifText(d, tag);
        if (t == null || !t.matches("\\d{4}:\\d{2}:\\d{2} \\d{2}:\\d{2}:\\d{2}.*")) {
            return null;
        }
        String iso = t.substring(0, 10).replace(':', '-') + "T" + t.substring(11, 19);
        String offset = exifText(offsetDir, offsetTag);
        return offset != null && offset.matches("[+-]\\d{2}:\\d{2}") ? iso + offset : iso;
    }

    /** "1/250" for fractions of a second, "2.5" for longer exposures. */
    static String exposureTime(Directory sub) {
        Rational r = sub == null ? null : sub.getRational(ExifSubIFDDirectory.TAG_EXPOSURE_TIME);
        if (r == null || r.getDenominator() == 0 || r.getNumerator() <= 0) {
            return null;
        }
        if (r.doubleValue() < 1) {
            return "1/" + Math.round(1 / r.doubleValue());
        }
        return String.format(Locale.ROOT, "%.1f", r.doubleValue()).replaceAll("\\.0$", "");
    }

    private static Double altitude(GpsDirectory gps) {
        Double a = decimal(gps, GpsDirectory.TAG_ALTITUDE);
        if (a == null) {
            return null;
        }
        Integer ref = integer(gps, GpsDirectory.TAG_ALTITUDE_REF);
        return ref != null && ref == 1 ? -a : a;
    }

    private static Double decimal(Directory d, int tag) {
        Rational r = d == null ? null : d.getRational(tag);
        return r == null || r.getDenominator() == 0 ? null : Math.round(r.doubleValue() * 1e6) / 1e6;
    }

    private static Integer integer(Directory d, int tag) {
        return d == null || !d.containsTag(tag) ? null : d.getInteger(tag);
    }

    /** EXIF ASCII fields that Chinese software fills with UTF-8 or GBK bytes. */
    private static String exifText(Directory d, int tag) {
        if (d == null || !d.containsTag(tag)) {
            return null;
        }
        StringValue v = d.getStringValue(tag);
        return v != null ? TextDecoding.undeclared(v.getBytes()) : clean(d.getString(tag));
    }

    private static String xp(ExifIFD0Directory d, int tag) {
        return d == null || !d.containsTag(tag) ? null : TextDecoding.utf16le(d.getByteArray(tag));
    }

    private static String iptcText(IptcDirectory d, int tag, boolean utf8) {
        if (d == null || !d.containsTag(tag)) {
            return null;
        }
        StringValue v = d.getStringValue(tag);
        return v == null ? clean(d.getString(tag)) : TextDecoding.iptc(v.getBytes(), utf8);
    }

    private static List<String> iptcList(IptcDirectory d, int tag, boolean utf8) {
        if (d == null || !d.containsTag(tag)) {
            return List.of();
        }
        StringValue[] values = d.getStringValueArray(tag);
        if (values == null) {
            String[] plain = d.getStringArray(tag);
            return plain == null ? List.of() : Arrays.stream(plain).map(ImageProbe::clean).filter(Objects::nonNull).toList();
        }
        return Arrays.stream(values).map(v -> TextDecoding.iptc(v.getBytes(), utf8)).filter(Objects::nonNull).toList();
    }

    private static List<String> split(String keywords) {
        return keywords == null ? List.of()
                : Arrays.stream(keywords.split("[;；]")).map(String::strip).filter(k -> !k.isEmpty()).toList();
    }

    private static String first(String... values) {
        return Stream.of(values).filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
    }

    @SafeVarargs
    private static List<String> firstList(List<String>... lists) {
        return Stream.of(lists).filter(l -> l != null && !l.isEmpty()).findFirst().orElse(List.of());
    }

    private static String clean(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String fileType(Metadata md) {
        for (Directory d : md.getDirectories()) {
            if (d.getName().equals("File Type")) {
                return d.getString(1); // FileTypeDirectory.TAG_DETECTED_FILE_TYPE_NAME
            }
        }
        return null;
    }

    /**
     * A HEIF photo's own size as it is shown: the primary image's, turned by its rotation. The size
     * metadata-extractor finds first in a HEIC is a 512 px tile's of Apple's grid.
     */
    private static int[] heifSize(java.nio.file.Path file, String fileType, List<String> warnings) {
        if (fileType == null || !(fileType.contains("HEIF") || fileType.contains("HEIC") || fileType.contains("AVIF"))) {
            return null;
        }
        try {
            org.avmam.transcode.heif.HeifImage image = org.avmam.transcode.heif.HeifReader.read(file);
            boolean quarter = image.transforms().stream()
                    .anyMatch(t -> t instanceof org.avmam.transcode.heif.HeifImage.Rotate r && r.quarterTurns() % 2 == 1);
            return quarter ? new int[] {image.height(), image.width()} : new int[] {image.width(), image.height()};
        } catch (IOException e) {
            warnings.add("HEIF: " + e.getMessage());
            return null;
        }
    }

    /** The first directory that states the dimension (JPEG, PNG, WebP, TIFF… each has its own). */
    private static Integer dimension(Metadata md, String tagName) {
        for (Directory d : md.getDirectories()) {
            for (Tag t : d.getTags()) {
                if (t.getTagName().equals(tagName)) {
                    Integer v = d.getInteger(t.getTagType());
                    if (v != null && v > 0) {
                        return v;
                    }
                }
            }
        }
        return null;
    }
}
