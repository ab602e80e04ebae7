package org.avmam.metadata;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text from metadata fields that do not say (or say wrongly) how they are encoded. Chinese
 * cameras, phones and desktop tools write IPTC and EXIF text as UTF-8 or as GBK/GB18030, often
 * without IPTC's CodedCharacterSet; Windows writes its XP* tags as UTF-16LE.
 */
public final class TextDecoding {

    private static final Charset GB18030 = Charset.forName("GB18030");

    private TextDecoding() {}

    /** IPTC text: the declared UTF-8; else UTF-8 if the bytes are valid UTF-8; else GB18030 (a superset of GBK and GB2312). */
    public static String iptc(byte[] bytes, boolean declaredUtf8) {
        if (bytes == null) {
            return null;
        }
        if (declaredUtf8) {
            return clean(new String(bytes, StandardCharsets.UTF_8));
        }
        return undeclared(bytes);
    }

    /** Bytes in an unknown encoding: plain ASCII, UTF-8, else GB18030. */
    public static String undeclared(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return clean(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException notUtf8) {
            return clean(new String(bytes, GB18030));
        }
    }

    /** Windows XPTitle, XPComment, XPAuthor, XPKeywords, XPSubject: UTF-16LE, NUL-terminated. */
    public static String utf16le(byte[] bytes) {
        return bytes == null ? null : clean(new String(bytes, StandardCharsets.UTF_16LE));
    }

    private static String clean(String s) {
        int end = s.indexOf('\0');
        String t = (end >= 0 ? s.substring(0, end) : s).strip();
        return t.isEmpty() ? null : t;
    }
}
