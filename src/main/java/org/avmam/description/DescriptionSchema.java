package org.avmam.description;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.avmam.asset.MediaType;

/**
 * A description standard's elements, held as data (src/main/resources/description/*.yaml): number,
 * Chinese and English name, obligation, repeatability, type, where the value comes from, and whether
 * it is one of the six caption elements of a photo (事由, 时间, 地点, 人物, 背景, 摄影者).
 */
public record DescriptionSchema(String standard, String title, String xmlRoot, List<Element> elements) {

    public enum Obligation {
        MANDATORY,
        CONDITIONAL,
        OPTIONAL
    }

    /** Who sets the value: users (with a crosswalk default), the asset's record fields, or the system alone. */
    public enum From {
        USER,
        RECORD,
        SYSTEM
    }

    public record Element(String number, String key, String zh, String en, Obligation obligation, boolean repeatable, String type,
            From from, boolean caption, List<String> sources) {

        public From from() {
            return from == null ? From.USER : from;
        }
    }

    static final Set<String> TYPES = Set.of("text", "code", "date", "datetime", "integer", "decimal");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true);

    public static final DescriptionSchema PHOTO = load("description/photo.yaml");
    public static final DescriptionSchema AV = load("description/av.yaml");

    public static DescriptionSchema of(MediaType type) {
        return type == MediaType.IMAGE ? PHOTO : AV;
    }

    public Optional<Element> element(String key) {
        return elements.stream().filter(e -> e.key().equals(key)).findFirst();
    }

    static DescriptionSchema load(String resource) {
        try (InputStream in = DescriptionSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            DescriptionSchema s = YAML.readValue(in, DescriptionSchema.class);
            Set<String> keys = new HashSet<>();
            for (Element e : s.elements()) {
                if (!keys.add(e.key())) {
                    throw new IllegalStateException(resource + ": the key " + e.key() + " is used twice");
                }
                if (!TYPES.contains(e.type())) {
                    throw new IllegalStateException(resource + ": " + e.key() + " has the type " + e.type() + "; types are " + TYPES);
                }
            }
            return s;
        } catch (IOException e) {
            throw new IllegalStateException(resource + " cannot be read: " + e.getMessage(), e);
        }
    }
}
