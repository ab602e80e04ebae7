package org.avmam.description;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.avmam.asset.MediaType;

/**
 * A description written out: as DA/T XML (the standard's Chinese element names as tags, with the
 * element numbers as attributes) and as simple Dublin Core (the 15 elements, as JSON or as oai_dc
 * XML) for exchange with systems that know nothing of DA/T. XML is written with the JDK's StAX
 * writer, so escaping is never ours to get wrong. Pure.
 */
public final class DescriptionExport {

    public static final String DC = "http://purl.org/dc/elements/1.1/";
    public static final String OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/";

    private DescriptionExport() {}

    public static String datXml(DescriptionSchema schema, DescriptionService.View view) {
        return xml(w -> {
            w.writeStartElement(schema.xmlRoot());
            w.writeAttribute("standard", schema.standard());
            w.writeAttribute("asset", view.assetId().toString());
            for (DescriptionService.ElementValue e : view.elements()) {
                for (Object v : values(e.value())) {
                    w.writeStartElement(tag(e.zh()));
                    w.writeAttribute("number", e.number());
                    w.writeAttribute("key", e.key());
                    w.writeCharacters(v.toString());
                    w.writeEndElement();
                }
            }
            w.writeEndElement();
        });
    }

    /** Dublin Core's elements (those with values), each a list of strings. */
    public static Map<String, List<String>> dublinCore(DescriptionService.View view) {
        MediaType type = view.mediaType();
        String language = view.language();
        Map<String, List<String>> dc = new LinkedHashMap<>();
        Map<String, Object> v = new LinkedHashMap<>();
        view.elements().forEach(e -> v.put(e.key(), e.value()));
        add(dc, "title", v.get("title"));
        add(dc, "creator", v.get("photographer"));
        add(dc, "creator", v.get("recordist"));
        add(dc, "subject", v.get("keywords"));
        add(dc, "subject", v.get("persons"));
        add(dc, "subject", v.get("event"));
        add(dc, "description", v.get("caption"));
        add(dc, "description", v.get("summary"));
        add(dc, "description", v.get("background"));
        add(dc, "date", v.get("dateTaken"));
        add(dc, "date", v.get("recordingTime"));
        add(dc, "type", switch (type) {
            case IMAGE -> "StillImage";
            case VIDEO -> "MovingImage";
            case AUDIO -> "Sound";
        });
        add(dc, "format", v.get("format"));
        add(dc, "identifier", v.get("archivalCode"));
        add(dc, "identifier", "urn:uuid:" + view.assetId());
        add(dc, "language", language);
        add(dc, "relation", v.get("fonds") == null ? null : "fonds " + v.get("fonds"));
        add(dc, "coverage", v.get("place"));
        add(dc, "rights", v.get("securityClassification"));
        add(dc, "rights", v.get("openStatus") == null ? null : "open status: " + v.get("openStatus"));
        return dc;
    }

    public static String dcXml(Map<String, List<String>> dc) {
        return xml(w -> {
            w.setPrefix("oai_dc", OAI_DC);
            w.setPrefix("dc", DC);
            w.writeStartElement("oai_dc", "dc", OAI_DC);
            w.writeNamespace("oai_dc", OAI_DC);
            w.writeNamespace("dc", DC);
            for (var e : dc.entrySet()) {
                for (String value : e.getValue()) {
                    w.writeStartElement("dc", e.getKey(), DC);
                    w.writeCharacters(value);
                    w.writeEndElement();
                }
            }
            w.writeEndElement();
        });
    }

    private interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static String xml(Body body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            body.write(w);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("XML could not be written: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /** An XML name from the element's Chinese name: characters a name cannot hold become '_'. */
    static String tag(String name) {
        StringBuilder b = new StringBuilder();
        name.codePoints().forEach(cp -> b.appendCodePoint(Character.isLetterOrDigit(cp) || cp == '_' || cp == '-' || cp == '.' ? cp : '_'));
        if (b.isEmpty() || !Character.isLetter(b.codePointAt(0))) {
            b.insert(0, '_');
        }
        return b.toString();
    }

    private static List<Object> values(Object v) {
        if (v == null) {
            return List.of();
        }
        return v instanceof List<?> l ? new ArrayList<>(l) : List.of(v);
    }

    private static void add(Map<String, List<String>> dc, String element, Object value) {
        for (Object v : values(value)) {
            String s = v.toString();
            if (!s.isBlank() && !dc.computeIfAbsent(element, k -> new ArrayList<>()).contains(s)) {
                dc.get(element).add(s);
            }
        }
    }
}
