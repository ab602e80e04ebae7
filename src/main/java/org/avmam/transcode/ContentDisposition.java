package org.avmam.transcode;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} with the file name in both forms of RFC 6266: an
 * ASCII {@code filename} for old clients and {@code filename*} (RFC 8187, UTF-8) with the real
 * name, so "2024年会议.mp4" arrives as such and not as "2024__.mp4".
 */
public final class ContentDisposition {

    private ContentDisposition() {}

    public static String attachment(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "download" : fileName.strip();
        return "attachment; filename=\"" + asciiFallback(name) + "\"; filename*=UTF-8''" + encode(name);
    }

    /** Non-ASCII, quotes, backslashes and control characters become '_' (the extension survives). */
    static String asciiFallback(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            b.append(c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '%' ? '_' : c);
        }
        return b.toString();
    }

    /** RFC 8187 value-chars: attr-char stays, everything else is %-encoded UTF-8 (so no '+' for spaces). */
    static String encode(String name) {
        StringBuilder b = new StringBuilder();
        for (byte x : name.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            boolean attrChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0;
            if (attrChar) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }
}
