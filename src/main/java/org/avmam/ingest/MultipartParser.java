package org.avmam.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A push parser of multipart/form-data (RFC 7578 over RFC 2046) that runs on the event loop as the
 * buffers arrive. A part's content is handed on as the arriving buffers or slices of them, never copied,
 * and the delimiter is found with Horspool's algorithm (see {@link #find}), so a multi-gigabyte
 * file part costs little more than receiving it (a stream parser that reads byte by byte on a
 * worker thread cannot keep up with a fast network).
 *
 * <p>The delimiter is CRLF "--" boundary. A boundary may not contain CR (RFC 2046 bchars), so the
 * only CR in a delimiter is its first byte, and a delimiter cut by the end of a buffer, which
 * starts at one of the last CRs, is the only thing ever held back (at most 73 bytes).
 */
public final class MultipartParser {

    /** Receives the parts in order; called on the parsing thread. */
    public interface Handler {
        /** A part begins; header names are lower case. */
        void partBegin(Map<String, String> headers);

        /** Some of the current part's content; the handler takes the reference to {@code content}. */
        void content(ByteBuf content);

        void partEnd();
    }

    /** The body breaks the multipart syntax; the message says where. */
    public static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private enum State { PREAMBLE, AFTER_DELIMITER, HEADERS, PART, EPILOGUE }

    private final byte[] delimiter;
    /** Horspool's shift for each byte value at the end of a candidate window. */
    private final int[] shift = new int[256];
    private final Handler handler;
    private State state = State.PREAMBLE;
    /** The start of a delimiter held back from the end of the previous buffer. */
    private final byte[] carry;
    private int carried;
    /** A part's headers, gathered until the empty line that ends them. */
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    /** After a delimiter: the bytes seen, and the last of them. */
    private int afterCount;
    private byte lastByte;
    /** The last four header bytes, to spot the empty line. */
    private int tail;

    public MultipartParser(String boundary, Handler handler) {
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.handler = handler;
        java.util.Arrays.fill(shift, delimiter.length);
        for (int k = 0; k < delimiter.length - 1; k++) {
            shift[delimiter[k] & 0xff] = delimiter.length - 1 - k;
        }
        this.carry = new byte[delimiter.length];
        // The first delimiter may open the body without a CRLF before it: pretend the body began with one.
        carry[0] = '\r';
        carry[1] = '\n';
        carried = 2;
    }

    /**
     * The boundary of a multipart/form-data Content-Type, checked against RFC 2046 (1 to 70
     * characters of its set, no CR or LF).
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new IllegalArgumentException("send the file as multipart/form-data");
        }
        String boundary = null;
        for (String param : contentType.split(";")) {
            String p = param.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                boundary = p.substring("boundary=".length());
                if (boundary.length() >= 2 && boundary.startsWith("\"") && boundary.endsWith("\"")) {
                    boundary = boundary.substring(1, boundary.length() - 1);
                }
            }
        }
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70
                || !boundary.matches("[0-9A-Za-z'()+_,\\-./:=? ]+") || boundary.endsWith(" ")) {
            String need = "the multipart Content-Type needs a boundary of 1 to 70 characters (RFC 2046)";
            throw new IllegalArgumentException(boundary == null ? need : need + ", got '" + boundary + "'");
        }
        return boundary;
    }

    /** The next buffer of the body. The parser takes the caller's reference to it. */
    public void feed(ByteBuf buf) throws MalformedException {
        try {
            int i = buf.readerIndex();
            int end = buf.writerIndex();
            while (i < end) {
                i = switch (state) {
                    case PREAMBLE, PART -> data(buf, i, end);
                    case AFTER_DELIMITER -> afterDelimiter(buf, i, end);
                    case HEADERS -> headers(buf, i, end);
                    case EPILOGUE -> end;
                };
            }
        } finally {
            buf.release();
        }
    }

    /** The body ended; anything but a closed multipart is a truncated body. */
    public void finish() throws MalformedException {
        if (state != State.EPILOGUE) {
            throw new MalformedException(switch (state) {
                case PREAMBLE -> "no part: the body has no '--boundary' line";
                case PART -> "the body ends inside a part (truncated: the closing '--boundary--' is missing)";
                default -> "the body ends inside a part's headers (truncated)";
            });
        }
    }

    /** Scans part content (or the preamble) for the delimiter. */
    private int data(ByteBuf buf, int i, int end) {
        if (carried > 0) {
            int k = 0;
            while (carried + k < delimiter.length && i + k < end && buf.getByte(i + k) == delimiter[carried + k]) {
                k++;
            }
            if (carried + k == delimiter.length) {
                carried = 0;
                return delimiterFound(i + k);
            }
            if (i + k == end) {
                // Still the start of a delimiter, and this buffer is used up: keep waiting.
                buf.getBytes(i, carry, carried, k);
                carried += k;
                return end;
            }
            // Not a delimiter after all: what was held back is content.
            emit(Unpooled.wrappedBuffer(java.util.Arrays.copyOf(carry, carried)));
            carried = 0;
        }
        int at = find(buf, i, end);
        if (at < 0) {
            emit(buf, i, end);
            return end;
        }
        emit(buf, i, at);
        int n = end - at;
        if (n >= delimiter.length) {
            return delimiterFound(at + delimiter.length);
        }
        buf.getBytes(at, carry, 0, n);
        carried = n;
        return end;
    }

    /**
     * Where in [from, end) of {@code buf} the delimiter starts: a whole delimiter, or one cut off by
     * the end of the buffer (then it starts with its CR); -1 if neither. Whole delimiters are found
     * by Horspool's algorithm, which looks at one byte per delimiter length in content that does
     * not resemble the delimiter (any binary file), instead of stopping at each of the CRs that
     * random bytes hold every 256 bytes: on a 2 GB upload that was a quarter of the event loop.
     */
    private int find(ByteBuf buf, int from, int end) {
        byte[] a;
        int base;
        if (buf.hasArray()) {
            a = buf.array();
            base = buf.arrayOffset();
        } else {
            // Vert.x hands over heap buffers; a direct one (a test's) is searched in a copy.
            a = new byte[end - from];
            buf.getBytes(from, a);
            base = -from;
        }
        int m = delimiter.length;
        int hi = base + end;
        byte last = delimiter[m - 1];
        int p = base + from;
        while (p <= hi - m) {
            byte c = a[p + m - 1];
            if (c == last && java.util.Arrays.equals(a, p, p + m, delimiter, 0, m)) {
                return p - base;
            }
            p += shift[c & 0xff];
        }
        // A delimiter cut by the end of the buffer: it can only begin in the last m - 1 bytes, and
        // with its only CR (a boundary holds none).
        for (int q = Math.max(base + from, hi - m + 1); q < hi; q++) {
            if (a[q] == '\r' && java.util.Arrays.equals(a, q, hi, delimiter, 0, hi - q)) {
                return q - base;
            }
        }
        return -1;
    }

    private void emit(ByteBuf buf, int from, int to) {
        if (to > from && state == State.PART) {
            // Most buffers of a large file are content from end to end: handed on as they are, since a
            // slice object per buffer (32,000 for 2 GB) showed in the event loop's profile. The parser
            // only reads by absolute index, so the handler may move the reader index as it likes.
            boolean whole = from == buf.readerIndex() && to == buf.writerIndex();
            handler.content(whole ? buf.retain() : buf.retainedSlice(from, to - from));
        }
    }

    private void emit(ByteBuf content) {
        if (state == State.PART) {
            handler.content(content);
        } else {
            content.release();
        }
    }

    private int delimiterFound(int next) {
        if (state == State.PART) {
            handler.partEnd();
        }
        state = State.AFTER_DELIMITER;
        lastByte = 0;
        afterCount = 0;
        return next;
    }

    /** After a delimiter: "--" closes the body; else optional spaces or tabs and CRLF open a part's headers. */
    private int afterDelimiter(ByteBuf buf, int i, int end) throws MalformedException {
        while (i < end) {
            byte b = buf.getByte(i++);
            int n = afterCount++;
            if (n == 1 && lastByte == '-') {
                if (b != '-') {
                    throw notCrlf();
                }
                state = State.EPILOGUE;
                return i;
            }
            if (lastByte == '\r') {
                if (b != '\n') {
                    throw notCrlf();
                }
                state = State.HEADERS;
                line.reset();
                tail = 0;
                return i;
            }
            if (!(b == '\r' || b == ' ' || b == '\t' || n == 0 && b == '-') || n > 256) {
                throw notCrlf();
            }
            lastByte = b;
        }
        return i;
    }

    private static MalformedException notCrlf() {
        return new MalformedException("a delimiter line is followed by something other than CRLF or '--'");
    }

    /** Gathers a part's header lines until the empty line, then starts the part. */
    private int headers(ByteBuf buf, int i, int end) throws MalformedException {
        while (i < end) {
            byte b = buf.getByte(i++);
            line.write(b);
            tail = tail << 8 | (b & 0xff);
            int n = line.size();
            if (n > MAX_HEADER_BYTES) {
                throw new MalformedException("a part's headers are longer than " + MAX_HEADER_BYTES + " bytes");
            }
            if (n == 2 && (tail & 0xffff) == 0x0d0a || n >= 4 && tail == 0x0d0a0d0a) {
                Map<String, String> headers = parseHeaders(line.toString(StandardCharsets.UTF_8));
                line.reset();
                tail = 0;
                state = State.PART;
                handler.partBegin(headers);
                return i;
            }
        }
        return i;
    }

    static Map<String, String> parseHeaders(String block) throws MalformedException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l : block.split("\r\n")) {
            if (l.isEmpty()) {
                continue;
            }
            int colon = l.indexOf(':');
            if (colon <= 0) {
                throw new MalformedException("a part's header line has no name: '" + l.replaceAll("\\p{Cntrl}", "?") + "'");
            }
            headers.put(l.substring(0, colon).strip().toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
        }
        return headers;
    }
}
