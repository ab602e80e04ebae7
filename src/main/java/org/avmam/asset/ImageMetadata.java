package org.avmam.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Everything avmam reads from a still image's EXIF, GPS, IPTC, XMP and ICC metadata, normalised:
 * times in ISO 8601 (with the camera's UTC offset when it recorded one), GPS in signed decimal
 * degrees and metres, text decoded whatever its carrier's encoding. Descriptive fields take XMP
 * first, then IPTC, then EXIF (the order of the Metadata Working Group's guidelines).
 * {@code warnings} name metadata that was malformed; what could be read is kept.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ImageMetadata(
        String make,
        String model,
        String bodySerial,
        String lens,
        String lensSerial,
        String exposureTime,
        Double fNumber,
        Integer iso,
        Double focalLength,
        Integer focalLength35mm,
        String captured,
        String digitised,
        String modified,
        Double latitude,
        Double longitude,
        Double altitude,
        Double imageDirection,
        String gpsTime,
        Integer orientation,
        String title,
        String caption,
        List<String> keywords,
        String creator,
        String credit,
        String copyright,
        String location,
        String city,
        String province,
        String country,
        String countryCode,
        List<String> personsShown,
        String colourProfile,
        List<String> warnings) {}
