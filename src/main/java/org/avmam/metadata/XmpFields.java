package org.avmam.metadata;

import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.properties.XMPProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * The descriptive fields of an XMP packet (Dublin Core, Photoshop, IPTC Core and Extension), as
 * Lightroom, Bridge and Photo Mechanic write them, whether embedded in a file or in a sidecar.
 * XMP is Unicode by definition, so Chinese arrives intact.
 */
public record XmpFields(String title, String description, List<String> keywords, List<String> creators, String credit,
        String rights, String dateCreated, String location, String city, String state, String country, String countryCode,
        List<String> personsShown) {

    static final String DC = "http://purl.org/dc/elements/1.1/";
    static final String PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/";
    static final String IPTC_CORE = "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/";
    static final String IPTC_EXT = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";

    public static XmpFields of(XMPMeta xmp) throws XMPException {
        return new XmpFields(localized(xmp, DC, "title"), localized(xmp, DC, "description"), array(xmp, DC, "subject"),
                array(xmp, DC, "creator"), text(xmp, PHOTOSHOP, "Credit"), localized(xmp, DC, "rights"),
                text(xmp, PHOTOSHOP, "DateCreated"), text(xmp, IPTC_CORE, "Location"), text(xmp, PHOTOSHOP, "City"),
                text(xmp, PHOTOSHOP, "State"), text(xmp, PHOTOSHOP, "Country"), text(xmp, IPTC_CORE, "CountryCode"),
                array(xmp, IPTC_EXT, "PersonInImage"));
    }

    /** "Location, City", or whichever of the two is there. */
    public String place() {
        if (location != null && city != null) {
            return location + ", " + city;
        }
        return location != null ? location : city;
    }

    private static String localized(XMPMeta xmp, String ns, String property) throws XMPException {
        XMPProperty p = xmp.getLocalizedText(ns, property, null, "x-default");
        return p == null || p.getValue() == null || p.getValue().isBlank() ? null : p.getValue().strip();
    }

    private static List<String> array(XMPMeta xmp, String ns, String property) throws XMPException {
        List<String> out = new ArrayList<>();
        if (!xmp.doesPropertyExist(ns, property)) {
            return out;
        }
        int n = xmp.countArrayItems(ns, property);
        for (int i = 1; i <= n; i++) {
            XMPProperty item = xmp.getArrayItem(ns, property, i);
            if (item != null && item.getValue() != null && !item.getValue().isBlank()) {
                out.add(item.getValue().strip());
            }
        }
        return out;
    }

    private static String text(XMPMeta xmp, String ns, String property) throws XMPException {
        XMPProperty p = xmp.getProperty(ns, property);
        return p == null || p.getValue() == null || p.getValue().isBlank() ? null : p.getValue().strip();
    }
}
