package org.avmam.transcode.heif;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a HEIF file from HEVC tiles, written here from ISO/IEC 23008-12 for the tests (and
 * independent of {@link HeifReader}): a grid item as the primary image (its description kept in
 * {@code idat}, as Apple does), one {@code hvc1} item per tile referenced by {@code dimg}, one
 * shared {@code hvcC}, and an optional {@code irot}.
 */
final class HeifWriter {

    private HeifWriter() {}

    /**
     * @param parameterSets VPS, SPS and PPS NAL units (without start codes)
     * @param tiles each tile's slice NAL units (without start codes), in raster order
     */
    static byte[] grid(List<byte[]> parameterSets, List<List<byte[]>> tiles, int columns, int rows, int tileWidth, int tileHeight,
            int width, int height, Integer irot) {
        int gridId = 1;
        int n = tiles.size();
        List<byte[]> tileData = new ArrayList<>();
        for (List<byte[]> nals : tiles) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            for (byte[] nal : nals) {
                o.writeBytes(ByteBuffer.allocate(4).putInt(nal.length).array());
                o.writeBytes(nal);
            }
            tileData.add(o.toByteArray());
        }
        byte[] gridDesc = ByteBuffer.allocate(8).put((byte) 0).put((byte) 0).put((byte) (rows - 1)).put((byte) (columns - 1))
                .putShort((short) width).putShort((short) height).array();

        // iinf: the grid and the tiles
        ByteArrayOutputStream infes = new ByteArrayOutputStream();
        infes.writeBytes(infe(gridId, "grid"));
        for (int i = 0; i < n; i++) {
            infes.writeBytes(infe(2 + i, "hvc1"));
        }
        byte[] iinf = fullBox("iinf", 0, cat(u16(n + 1), infes.toByteArray()));

        // iref: grid → tiles
        ByteArrayOutputStream dimg = new ByteArrayOutputStream();
        dimg.writeBytes(u16(gridId));
        dimg.writeBytes(u16(n));
        for (int i = 0; i < n; i++) {
            dimg.writeBytes(u16(2 + i));
        }
        byte[] iref = fullBox("iref", 0, box("dimg", dimg.toByteArray()));

        // ipco: 1 hvcC, 2 ispe of a tile, 3 ispe of the grid, 4 irot
        byte[] hvcc = box("hvcC", hvcC(parameterSets));
        byte[] tileIspe = fullBox("ispe", 0, cat(u32(tileWidth), u32(tileHeight)));
        byte[] gridIspe = fullBox("ispe", 0, cat(u32(width), u32(height)));
        byte[] rot = irot == null ? new byte[0] : box("irot", new byte[] {(byte) (irot & 3)});
        byte[] ipco = box("ipco", cat(hvcc, tileIspe, gridIspe, rot));
        ByteArrayOutputStream ipma = new ByteArrayOutputStream();
        ipma.writeBytes(u32(n + 1));
        ipma.writeBytes(u16(gridId));
        ipma.write(irot == null ? 1 : 2);
        ipma.write(0x80 | 3);
        if (irot != null) {
            ipma.write(0x80 | 4);
        }
        for (int i = 0; i < n; i++) {
            ipma.writeBytes(u16(2 + i));
            ipma.write(2);
            ipma.write(0x80 | 1);
            ipma.write(2);
        }
        byte[] iprp = box("iprp", cat(ipco, fullBox("ipma", 0, ipma.toByteArray())));
        byte[] idat = box("idat", gridDesc);
        byte[] ftyp = box("ftyp", cat("heic".getBytes(StandardCharsets.US_ASCII), u32(0), "mif1heic".getBytes(StandardCharsets.US_ASCII)));
        byte[] hdlr = fullBox("hdlr", 0, cat(u32(0), "pict".getBytes(StandardCharsets.US_ASCII), new byte[12], new byte[] {0}));
        byte[] pitm = fullBox("pitm", 0, u16(gridId));

        // iloc offsets depend on the size of meta, which does not depend on them: lay out twice.
        byte[] meta = null;
        long mdatStart = 0;
        for (int pass = 0; pass < 2; pass++) {
            ByteArrayOutputStream iloc = new ByteArrayOutputStream();
            iloc.write(0x44); // offset size 4, length size 4
            iloc.write(0x00); // base offset size 0, index size 0
            iloc.writeBytes(u16(n + 1));
            iloc.writeBytes(u16(gridId));
            iloc.writeBytes(u16(1)); // construction method 1: idat
            iloc.writeBytes(u16(0));
            iloc.writeBytes(u16(1));
            iloc.writeBytes(u32(0));
            iloc.writeBytes(u32(gridDesc.length));
            long offset = mdatStart + 8;
            for (int i = 0; i < n; i++) {
                iloc.writeBytes(u16(2 + i));
                iloc.writeBytes(u16(0));
                iloc.writeBytes(u16(0));
                iloc.writeBytes(u16(1));
                iloc.writeBytes(u32(offset));
                iloc.writeBytes(u32(tileData.get(i).length));
                offset += tileData.get(i).length;
            }
            meta = fullBox("meta", 0, cat(hdlr, pitm, fullBox("iloc", 1, iloc.toByteArray()), iinf, iref, iprp, idat));
            mdatStart = ftyp.length + meta.length;
        }
        ByteArrayOutputStream mdat = new ByteArrayOutputStream();
        tileData.forEach(mdat::writeBytes);
        return cat(ftyp, meta, box("mdat", mdat.toByteArray()));
    }

    private static byte[] hvcC(List<byte[]> parameterSets) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(1); // configurationVersion
        o.write(0x01); // profile space 0, tier 0, Main profile
        o.writeBytes(u32(0x60000000));
        o.writeBytes(new byte[6]);
        o.write(90); // level 3
        o.writeBytes(u16(0xf000));
        o.write(0xfc);
        o.write(0xfd); // 4:2:0
        o.write(0xf8);
        o.write(0xf8);
        o.writeBytes(u16(0));
        o.write(0x0f); // length size 4
        o.write(parameterSets.size());
        for (byte[] nal : parameterSets) {
            o.write(0x80 | ((nal[0] >> 1) & 0x3f));
            o.writeBytes(u16(1));
            o.writeBytes(u16(nal.length));
            o.writeBytes(nal);
        }
        return o.toByteArray();
    }

    private static byte[] infe(int id, String type) {
        return fullBox("infe", 2, cat(u16(id), u16(0), type.getBytes(StandardCharsets.US_ASCII), new byte[] {0}));
    }

    static byte[] box(String type, byte[] body) {
        return cat(u32(8 + body.length), type.getBytes(StandardCharsets.US_ASCII), body);
    }

    private static byte[] fullBox(String type, int version, byte[] body) {
        return box(type, cat(new byte[] {(byte) version, 0, 0, 0}, body));
    }

    private static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    private static byte[] u32(long v) {
        return ByteBuffer.allocate(4).putInt((int) v).array();
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    /** The NAL units of an Annex-B stream, without their start codes. */
    static List<byte[]> nalUnits(byte[] annexB) {
        List<byte[]> out = new ArrayList<>();
        int i = 0;
        int start = -1;
        while (i + 3 <= annexB.length) {
            boolean code3 = annexB[i] == 0 && annexB[i + 1] == 0 && annexB[i + 2] == 1;
            if (code3) {
                if (start >= 0) {
                    int end = i;
                    while (end > start && annexB[end - 1] == 0) {
                        end--;
                    }
                    out.add(java.util.Arrays.copyOfRange(annexB, start, end));
                }
                i += 3;
                start = i;
            } else {
                i++;
            }
        }
        if (start >= 0 && start < annexB.length) {
            out.add(java.util.Arrays.copyOfRange(annexB, start, annexB.length));
        }
        return out;
    }
}
