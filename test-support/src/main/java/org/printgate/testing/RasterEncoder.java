package org.printgate.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small PWG raster (PWG 5102.4) and Apple raster encoder for fixtures: jipp-core 0.7.16 has no
 * PWG writer. Lines are PackBits-compressed per pixel and runs of identical lines use the
 * line-repeat byte, as CUPS writes them.
 */
public final class RasterEncoder {

    public static final byte[] PWG_SYNC = "RaS2".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] URF_MAGIC = {'U', 'N', 'I', 'R', 'A', 'S', 'T', 0};

    /** The pixels of a page: line {@code y} of {@code width} pixels of {@code bitsPerPixel}. */
    public interface Pixels {
        byte[] line(int y);
    }

    private RasterEncoder() {
    }

    /** A PWG page header with the fields that size a page and the rest as CUPS writes them. */
    public static byte[] pwgHeader(int width, int height, int bitsPerPixel) {
        ByteBuffer header = ByteBuffer.allocate(1796);
        header.put("PwgRaster".getBytes(StandardCharsets.US_ASCII));
        header.putInt(276, 100).putInt(280, 100);                 // HWResolution
        header.putInt(372, width).putInt(376, height);
        header.putInt(384, bitsPerPixel < 8 ? bitsPerPixel : 8);  // BitsPerColor
        header.putInt(388, bitsPerPixel);
        header.putInt(392, (width * bitsPerPixel + 7) / 8);       // BytesPerLine
        header.putInt(400, bitsPerPixel == 24 ? 19 : 18);         // sRGB or sGray
        return header.array();
    }

    /** A 32-byte Apple raster page header. */
    public static byte[] urfHeader(int width, int height, int bitsPerPixel) {
        ByteBuffer header = ByteBuffer.allocate(32);
        header.put(0, (byte) bitsPerPixel).put(1, (byte) (bitsPerPixel == 24 ? 1 : 4)).put(2, (byte) 1);
        header.putInt(12, width).putInt(16, height).putInt(20, 300);
        return header.array();
    }

    /** The compressed lines of a page, repeats folded into line-repeat bytes. */
    public static byte[] lines(int height, int bytesPerPixel, Pixels pixels) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int y = 0;
        while (y < height) {
            byte[] line = pixels.line(y);
            int repeat = 1;
            while (repeat < 256 && y + repeat < height && Arrays.equals(line, pixels.line(y + repeat))) {
                repeat++;
            }
            out.write(repeat - 1);
            packLine(out, line, bytesPerPixel);
            y += repeat;
        }
        return out.toByteArray();
    }

    /** PackBits by pixel: a run of 2..128 equal pixels, or 1..128 literal ones. */
    public static void packLine(ByteArrayOutputStream out, byte[] line, int bytesPerPixel) {
        int pixels = line.length / bytesPerPixel;
        int x = 0;
        while (x < pixels) {
            int same = 1;
            while (same < 128 && x + same < pixels && samePixel(line, x, x + same, bytesPerPixel)) {
                same++;
            }
            if (same > 1) {
                out.write(same - 1);
                out.write(line, x * bytesPerPixel, bytesPerPixel);
                x += same;
                continue;
            }
            int literal = 1;
            while (literal < 128 && x + literal < pixels
                    && !(x + literal + 1 < pixels && samePixel(line, x + literal, x + literal + 1, bytesPerPixel))) {
                literal++;
            }
            out.write(257 - literal);
            out.write(line, x * bytesPerPixel, literal * bytesPerPixel);
            x += literal;
        }
    }

    private static boolean samePixel(byte[] line, int a, int b, int bytesPerPixel) {
        return Arrays.equals(line, a * bytesPerPixel, (a + 1) * bytesPerPixel,
                line, b * bytesPerPixel, (b + 1) * bytesPerPixel);
    }

    /** Page {@code page}'s pixels: bands of repeated lines, gradients and flat runs, distinct per page. */
    public static Pixels testPattern(int page, int width, int bytesPerPixel) {
        return y -> {
            byte[] line = new byte[width * bytesPerPixel];
            int band = y / 7;
            for (int i = 0; i < line.length; i++) {
                int x = i / bytesPerPixel;
                line[i] = (byte) (x < width / 3 ? 0xFF : x < 2 * width / 3 ? (x * 13 + band * 31 + page) : band + page);
            }
            return line;
        };
    }

    /** A PWG raster document of pages with {@link #testPattern}. */
    public static byte[] pwgDocument(int pages, int width, int height, int bitsPerPixel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PWG_SYNC);
        int bytesPerPixel = Math.max(1, bitsPerPixel / 8);
        int bytesPerLine = (width * bitsPerPixel + 7) / 8;
        for (int p = 1; p <= pages; p++) {
            out.writeBytes(pwgHeader(width, height, bitsPerPixel));
            out.writeBytes(lines(height, bytesPerPixel, testPattern(p, bytesPerLine / bytesPerPixel, bytesPerPixel)));
        }
        return out.toByteArray();
    }

    /** An Apple raster document of pages with {@link #testPattern}, declaring {@code declaredPages}. */
    public static byte[] urfDocument(int pages, int declaredPages, int width, int height, int bitsPerPixel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(URF_MAGIC);
        out.writeBytes(ByteBuffer.allocate(4).putInt(declaredPages).array());
        int bytesPerPixel = bitsPerPixel / 8;
        for (int p = 1; p <= pages; p++) {
            out.writeBytes(urfHeader(width, height, bitsPerPixel));
            out.writeBytes(lines(height, bytesPerPixel, testPattern(p, width, bytesPerPixel)));
        }
        return out.toByteArray();
    }
}
