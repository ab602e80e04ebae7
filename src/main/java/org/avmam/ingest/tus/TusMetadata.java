package org.avmam.ingest.tus;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tus Upload-Metadata header: comma-separated "key base64(value)" pairs, a value may be absent. */
public final class TusMetadata {

    private TusMetadata() {}

    public static Map<String, String> parse(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        if (header == null || header.isBlank()) {
            return out;
        }
        for (String pair : header.split(",")) {
            String p = pair.strip();
            if (p.isEmpty()) {
                continue;
            }
            String[] kv = p.split(" ", 2);
            String key = kv[0];
            if (key.isEmpty() || out.containsKey(key)) {
                throw new IllegalArgumentException("Upload-Metadata keys must be unique and not empty");
            }
            try {
                out.put(key, kv.length == 2 ? new String(Base64.getDecoder().decode(kv[1].strip()), StandardCharsets.UTF_8) : "");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the Upload-Metadata value of '" + key + "' is not Base64");
            }
        }
        return out;
    }
}
