package org.avmam.metadata;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.Tag;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.iptc.IptcDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.avmam.jobs.JobFailure;

/** Image technical and embedded metadata, read with metadata-extractor. */
@ApplicationScoped
public class ImageProbe {

    public TechnicalMetadata probe(Path file) throws IOException {
        Metadata md;
        try {
            md = ImageMetadataReader.readMetadata(file.toFile());
        } catch (ImageProcessingException e) {
            throw new JobFailure("not a readable image: " + e.getMessage(), e);
        } catch (java.io.EOFException e) {
            // metadata-extractor reports lying segment lengths and cut-off files as EOF: the bytes, not the disk.
            throw new JobFailure("not a readable image: its data ends where its structure says it goes on (" + e.getMessage() + ")", e);
        }
        ExifIFD0Directory ifd0 = md.getFirstDirectoryOfType(ExifIFD0Directory.class);
        ExifSubIFDDirectory sub = md.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        GpsDirectory gps = md.getFirstDirectoryOfType(GpsDirectory.class);
        IptcDirectory iptc = md.getFirstDirectoryOfType(IptcDirectory.class);
        GeoLocation geo = gps == null ? null : gps.getGeoLocation();

        String caption = first(iptc, IptcDirectory.TAG_CAPTION);
        if (caption == null) {
            caption = first(ifd0, ExifIFD0Directory.TAG_IMAGE_DESCRIPTION);
        }
        List<String> keywords = iptc == null || iptc.getStringArray(IptcDirectory.TAG_KEYWORDS) == null
                ? List.of()
                : Arrays.asList(iptc.getStringArray(IptcDirectory.TAG_KEYWORDS));
        Integer orientation = ifd0 != null && ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION)
                ? ifd0.getInteger(ExifIFD0Directory.TAG_ORIENTATION)
                : null;

        TechnicalMetadata.Embedded embedded = new TechnicalMetadata.Embedded(
                first(ifd0, ExifIFD0Directory.TAG_MAKE),
                first(ifd0, ExifIFD0Directory.TAG_MODEL),
                first(sub, ExifSubIFDDirectory.TAG_LENS_MODEL),
                first(sub, ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL),
                orientation,
                geo == null || geo.isZero() ? null : geo.getLatitude(),
                geo == null || geo.isZero() ? null : geo.getLongitude(),
                first(iptc, IptcDirectory.TAG_OBJECT_NAME),
                caption,
                keywords,
                first(iptc, IptcDirectory.TAG_BY_LINE),
                first(iptc, IptcDirectory.TAG_COPYRIGHT_NOTICE));
        return new TechnicalMetadata(
                fileType(md),
                null,
                null,
                dimension(md, "Image Width"),
                dimension(md, "Image Height"),
                false,
                false,
                List.of(),
                embedded,
                "metadata-extractor");
    }

    private static String fileType(Metadata md) {
        for (Directory d : md.getDirectories()) {
            if (d.getName().equals("File Type")) {
                return d.getString(1); // FileTypeDirectory.TAG_DETECTED_FILE_TYPE_NAME
            }
        }
        return null;
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

    private static String first(Directory d, int tag) {
        if (d == null) {
            return null;
        }
        String s = d.getString(tag);
        return s == null || s.isBlank() ? null : s.strip();
    }
}
