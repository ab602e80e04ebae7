package org.avmam.transcode.heif;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the item structure of a HEIF file (ISO/IEC 23008-12 on the ISO base media file format) far
 * enough to hand its primary image to an HEVC decoder: {@code pitm} names the primary item,
 * {@code iinf} gives item types, {@code iloc} where each item's bytes are (in the file, or in
 * {@code idat} with construction method 1, where Apple keeps the grid), {@code iref}/{@code dimg}
 * the tiles of a grid in raster order, and {@code ipco}/{@code ipma} each item's properties
 * ({@code hvcC}, {@code ispe}, {@code irot}, {@code imir}).
 *
 * <p>ffmpeg before 7.1 cannot open HEIF at all, and 7.1's demuxer needs libraries a fresh machine
 * lacks; this route works with every ffmpeg that has the HEVC decoder. Every malformed structure
 * is a {@link HeifException} with a sentence saying what is wrong.
 */
public final class HeifReader {

    /** Tiles of a grid at most: 256 × 256 tiles of 512 px is far beyond any camera. */
    private static final int MAX_TILES = 65_536;
    private static final byte[] START_CODE = {0, 0, 0, 1};

    private final ByteBuffer file;
    private int primary = -1;
    private final Map<Integer, String> types = new HashMap<>();
    private final Map<Integer, Location> locations = new HashMap<>();
    private final Map<Integer, List<Integer>> tilesOf = new HashMap<>();
    private final List<Box> properties = new ArrayList<>();
    private final Map<Integer, List<Integer>> propertiesOf = new HashMap<>();
    private ByteBuffer idat;

    private record Box(String type, ByteBuffer body) {}

    private record Extent(long offset, long length) {}

    private record Location(int constructionMethod, List<Extent> extents) {}

    private HeifReader(ByteBuffer file) {
        this.file = file;
    }

    public static HeifImage read(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) {
                throw new HeifException("this HEIF file is larger than 2 GB, which no HEIF image is");
            }
            return read(ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()));
        }
    }

    public static HeifImage read(ByteBuffer file) throws HeifException {
        try {
            return new HeifReader(file.duplicate()).parse();
        } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw new HeifException("this HEIF file is damaged: a box runs past the end of its parent or of the file");
        }
    }

    private HeifImage parse() throws HeifException {
        Box meta = null;
        for (Box b : children(file)) {
            if (b.type().equals("meta")) {
                meta = b;
            }
        }
        if (meta == null) {
            throw new HeifException("this HEIF file has no 'meta' box, so it holds no image items (damaged, or not a HEIF image)");
        }
        ByteBuffer metaBody = meta.body().duplicate();
        metaBody.position(metaBody.position() + 4); // FullBox version and flags
        for (Box b : children(metaBody.slice())) {
            ByteBuffer body = b.body().duplicate();
            switch (b.type()) {
                case "pitm" -> primary = fullBoxVersion(body) == 0 ? u16(body) : (int) u32(body);
                case "iinf" -> readItemInfo(body);
                case "iloc" -> readLocations(body);
                case "iref" -> readReferences(body);
                case "iprp" -> readProperties(body);
                case "idat" -> idat = body.slice();
                default -> { }
            }
        }
        if (primary < 0) {
            throw new HeifException("this HEIF file names no primary image (its 'pitm' box is missing)");
        }
        String type = types.get(primary);
        if (type == null) {
            throw new HeifException("this HEIF file's primary image, item " + primary + ", is not listed in its 'iinf' box");
        }
        List<HeifImage.Transform> transforms = transforms(primary);
        return switch (type) {
            case "hvc1" -> {
                int[] size = size(primary);
                yield new HeifImage(1, 1, size[0], size[1], List.of(annexB(primary)), transforms);
            }
            case "grid" -> grid(transforms);
            case "av01" -> throw new HeifException("this is an AVIF image (AV1 in HEIF), which avmam cannot decode yet");
            case "jpeg" -> throw new HeifException("this HEIF file wraps a JPEG image, which avmam cannot decode yet");
            default -> throw new HeifException("this HEIF file's primary image is of type '" + type
                    + "', which avmam cannot decode (it decodes HEVC images and grids of them)");
        };
    }

    private HeifImage grid(List<HeifImage.Transform> transforms) throws HeifException {
        ByteBuffer g = ByteBuffer.wrap(itemData(primary));
        if (g.remaining() < 8) {
            throw new HeifException("this HEIF file's image grid description is cut short");
        }
        g.get(); // version
        int flags = g.get() & 0xff;
        int rows = (g.get() & 0xff) + 1;
        int columns = (g.get() & 0xff) + 1;
        long width = (flags & 1) != 0 ? u32(g) : u16(g);
        long height = (flags & 1) != 0 ? u32(g) : u16(g);
        List<Integer> tileIds = tilesOf.getOrDefault(primary, List.of());
        if (tileIds.size() != rows * columns) {
            throw new HeifException("this HEIF file's image grid is " + columns + "×" + rows + " tiles but references "
                    + tileIds.size() + " (damaged or incomplete)");
        }
        if (tileIds.size() > MAX_TILES) {
            throw new HeifException("this HEIF file's image grid has " + tileIds.size() + " tiles, more than avmam decodes");
        }
        int[] tileSize = size(tileIds.getFirst());
        if ((long) tileSize[0] * columns < width || (long) tileSize[1] * rows < height) {
            throw new HeifException("this HEIF file's grid of " + columns + "×" + rows + " tiles of " + tileSize[0] + "×" + tileSize[1]
                    + " cannot cover its stated " + width + "×" + height + " picture");
        }
        List<byte[]> tiles = new ArrayList<>();
        for (int id : tileIds) {
            if (!"hvc1".equals(types.get(id))) {
                throw new HeifException("a tile of this HEIF file's grid is of type '" + types.get(id) + "', not an HEVC image");
            }
            tiles.add(annexB(id));
        }
        return new HeifImage(columns, rows, (int) width, (int) height, tiles, transforms);
    }

    /** The item's parameter sets from its {@code hvcC}, then its length-prefixed NAL units, all with start codes. */
    private byte[] annexB(int item) throws HeifException {
        ByteBuffer hvcc = property(item, "hvcC");
        if (hvcc == null) {
            throw new HeifException("an HEVC image in this HEIF file (item " + item + ") has no decoder configuration ('hvcC')");
        }
        ByteBuffer c = hvcc.duplicate();
        if (c.remaining() < 23) {
            throw new HeifException("an HEVC decoder configuration in this HEIF file is cut short");
        }
        c.position(c.position() + 21);
        int lengthSize = (c.get() & 0x3) + 1;
        int arrays = c.get() & 0xff;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int a = 0; a < arrays; a++) {
            c.get(); // completeness and NAL unit type
            int count = u16(c);
            for (int n = 0; n < count; n++) {
                int len = u16(c);
                byte[] nal = new byte[len];
                c.get(nal);
                out.writeBytes(START_CODE);
                out.writeBytes(nal);
            }
        }
        ByteBuffer data = ByteBuffer.wrap(itemData(item));
        while (data.hasRemaining()) {
            if (data.remaining() < lengthSize) {
                throw new HeifException("the HEVC data of item " + item + " in this HEIF file is cut off inside a length field");
            }
            long len = 0;
            for (int i = 0; i < lengthSize; i++) {
                len = (len << 8) | (data.get() & 0xff);
            }
            if (len > data.remaining() || len == 0) {
                throw new HeifException("the HEVC data of item " + item + " in this HEIF file is cut off or damaged (a NAL unit of "
                        + len + " bytes where " + data.remaining() + " remain)");
            }
            byte[] nal = new byte[(int) len];
            data.get(nal);
            out.writeBytes(START_CODE);
            out.writeBytes(nal);
        }
        return out.toByteArray();
    }

    private byte[] itemData(int item) throws HeifException {
        Location loc = locations.get(item);
        if (loc == null) {
            throw new HeifException("this HEIF file does not say where the data of item " + item + " is (no 'iloc' entry)");
        }
        ByteBuffer source;
        if (loc.constructionMethod() == 0) {
            source = file;
        } else if (loc.constructionMethod() == 1) {
            if (idat == null) {
                throw new HeifException("this HEIF file keeps item " + item + " in an 'idat' box it does not have");
            }
            source = idat;
        } else {
            throw new HeifException("this HEIF file locates item " + item + " by construction method " + loc.constructionMethod()
                    + ", which avmam does not support");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Extent e : loc.extents()) {
            long end = e.offset() + e.length();
            if (e.offset() < 0 || end > source.limit() || e.length() < 0) {
                throw new HeifException("this HEIF file is truncated: item " + item + " lies at bytes " + e.offset() + "–" + end
                        + " but the " + (source == file ? "file" : "'idat' box") + " has only " + source.limit());
            }
            byte[] chunk = new byte[(int) e.length()];
            source.get((int) e.offset(), chunk);
            out.writeBytes(chunk);
        }
        return out.toByteArray();
    }

    private int[] size(int item) throws HeifException {
        ByteBuffer ispe = property(item, "ispe");
        if (ispe == null) {
            throw new HeifException("an image in this HEIF file (item " + item + ") does not state its size ('ispe')");
        }
        ByteBuffer b = ispe.duplicate();
        b.position(b.position() + 4);
        long w = u32(b);
        long h = u32(b);
        if (w <= 0 || h <= 0 || w > 65_535 || h > 65_535) {
            throw new HeifException("an image in this HEIF file states an impossible size, " + w + "×" + h);
        }
        return new int[] {(int) w, (int) h};
    }

    private List<HeifImage.Transform> transforms(int item) {
        List<HeifImage.Transform> out = new ArrayList<>();
        for (int index : propertiesOf.getOrDefault(item, List.of())) {
            if (index < 1 || index > properties.size()) {
                continue;
            }
            Box p = properties.get(index - 1);
            if (p.type().equals("irot") && p.body().remaining() >= 1) {
                out.add(new HeifImage.Rotate(p.body().get(p.body().position()) & 0x3));
            } else if (p.type().equals("imir") && p.body().remaining() >= 1) {
                out.add(new HeifImage.Mirror((p.body().get(p.body().position()) & 0x1) == 1));
            }
        }
        return out;
    }

    private ByteBuffer property(int item, String type) {
        for (int index : propertiesOf.getOrDefault(item, List.of())) {
            if (index >= 1 && index <= properties.size() && properties.get(index - 1).type().equals(type)) {
                return properties.get(index - 1).body();
            }
        }
        return null;
    }

    private void readItemInfo(ByteBuffer b) throws HeifException {
        int count = fullBoxVersion(b) == 0 ? u16(b) : (int) u32(b);
        List<Box> entries = children(b.slice());
        if (entries.size() < count) {
            throw new HeifException("this HEIF file lists " + count + " items but describes only " + entries.size());
        }
        for (Box infe : entries) {
            if (!infe.type().equals("infe")) {
                continue;
            }
            ByteBuffer e = infe.body().duplicate();
            int version = fullBoxVersion(e);
            if (version < 2) {
                continue; // version 0 and 1 entries carry no item type: not images
            }
            int id = version == 2 ? u16(e) : (int) u32(e);
            u16(e); // protection index
            byte[] type = new byte[4];
            e.get(type);
            types.put(id, new String(type, java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    private void readLocations(ByteBuffer b) throws HeifException {
        int version = fullBoxVersion(b);
        int sizes = b.get() & 0xff;
        int offsetSize = sizes >> 4;
        int lengthSize = sizes & 0xf;
        int more = b.get() & 0xff;
        int baseOffsetSize = more >> 4;
        int indexSize = version == 1 || version == 2 ? more & 0xf : 0;
        long count = version < 2 ? u16(b) : u32(b);
        for (long i = 0; i < count; i++) {
            int id = version < 2 ? u16(b) : (int) u32(b);
            int method = 0;
            if (version == 1 || version == 2) {
                method = u16(b) & 0xf;
            }
            u16(b); // data reference index
            long base = sized(b, baseOffsetSize);
            int extents = u16(b);
            List<Extent> list = new ArrayList<>();
            for (int x = 0; x < extents; x++) {
                sized(b, indexSize);
                long offset = sized(b, offsetSize);
                long length = sized(b, lengthSize);
                list.add(new Extent(base + offset, length));
            }
            locations.put(id, new Location(method, list));
        }
    }

    private void readReferences(ByteBuffer b) throws HeifException {
        int version = fullBoxVersion(b);
        for (Box ref : children(b.slice())) {
            ByteBuffer r = ref.body().duplicate();
            int from = version == 0 ? u16(r) : (int) u32(r);
            int count = u16(r);
            List<Integer> to = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                to.add(version == 0 ? u16(r) : (int) u32(r));
            }
            if (ref.type().equals("dimg")) {
                tilesOf.put(from, to);
            }
        }
    }

    private void readProperties(ByteBuffer b) throws HeifException {
        for (Box child : children(b)) {
            if (child.type().equals("ipco")) {
                properties.addAll(children(child.body()));
            } else if (child.type().equals("ipma")) {
                ByteBuffer m = child.body().duplicate();
                int version = m.get() & 0xff;
                int flags = ((m.get() & 0xff) << 16) | ((m.get() & 0xff) << 8) | (m.get() & 0xff);
                long entries = u32(m);
                for (long i = 0; i < entries; i++) {
                    int id = version < 1 ? u16(m) : (int) u32(m);
                    int n = m.get() & 0xff;
                    List<Integer> list = propertiesOf.computeIfAbsent(id, k -> new ArrayList<>());
                    for (int a = 0; a < n; a++) {
                        list.add((flags & 1) != 0 ? u16(m) & 0x7fff : m.get() & 0x7f);
                    }
                }
            }
        }
    }

    /** The boxes in {@code b} from its position to its limit. */
    private static List<Box> children(ByteBuffer b) throws HeifException {
        List<Box> out = new ArrayList<>();
        ByteBuffer c = b.duplicate();
        while (c.remaining() >= 8) {
            int start = c.position();
            long size = u32(c);
            byte[] type = new byte[4];
            c.get(type);
            int header = 8;
            if (size == 1) {
                size = c.getLong();
                header = 16;
            } else if (size == 0) {
                size = c.limit() - start;
            }
            if (size < header || start + size > c.limit()) {
                throw new HeifException("this HEIF file is truncated or damaged: the '"
                        + new String(type, java.nio.charset.StandardCharsets.ISO_8859_1) + "' box claims " + size + " bytes, but only "
                        + (c.limit() - start) + " remain");
            }
            ByteBuffer body = c.duplicate();
            body.position(start + header).limit((int) (start + size));
            out.add(new Box(new String(type, java.nio.charset.StandardCharsets.ISO_8859_1), body.slice()));
            c.position((int) (start + size));
        }
        return out;
    }

    private static int fullBoxVersion(ByteBuffer b) {
        int version = b.get() & 0xff;
        b.position(b.position() + 3);
        return version;
    }

    private static int u16(ByteBuffer b) {
        return b.getShort() & 0xffff;
    }

    private static long u32(ByteBuffer b) {
        return b.getInt() & 0xffffffffL;
    }

    private static long sized(ByteBuffer b, int bytes) throws HeifException {
        return switch (bytes) {
            case 0 -> 0;
            case 4 -> u32(b);
            case 8 -> b.getLong();
            default -> throw new HeifException("this HEIF file uses a " + bytes + "-byte field in its 'iloc' box, which the format does not allow");
        };
    }
}
