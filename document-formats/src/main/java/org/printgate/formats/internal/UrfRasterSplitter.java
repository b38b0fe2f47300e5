package org.printgate.formats.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.printgate.formats.DocumentFormatException;
import org.printgate.formats.PageSink;
import org.printgate.formats.PageSplitter;

/**
 * Splits {@code image/urf} (Apple raster, as read by CUPS): the prologue is "UNIRAST\0" and a
 * big-endian uint32 page count; then per page a 32-byte header (bits per pixel in octet 0, width
 * and height as big-endian uint32 at 12 and 16) and PackBits lines as in PWG raster, with whole
 * pixels of bits-per-pixel / 8 bytes. A page is its header plus its lines.
 *
 * <p>A page count of 0 means "unknown" (CUPS writes it when the producer did not say): pages are
 * then read until the end of the stream. Otherwise the stream must hold exactly that many pages;
 * fewer, or bytes after the last, are malformed.
 */
public final class UrfRasterSplitter implements PageSplitter {

    static final byte[] MAGIC = {'U', 'N', 'I', 'R', 'A', 'S', 'T', 0};
    static final int PAGE_HEADER_SIZE = 32;
    private static final int WIDTH_AT = 12;
    private static final int HEIGHT_AT = 16;

    @Override
    public int split(InputStream in, PageSink sink) throws IOException {
        PageCutter cutter = new PageCutter(in, sink);
        byte[] magic = new byte[MAGIC.length];
        if (cutter.readUpTo(magic, magic.length) < magic.length || !Arrays.equals(magic, MAGIC)) {
            throw new DocumentFormatException("not Apple raster: the stream does not start with UNIRAST");
        }
        byte[] count = new byte[4];
        cutter.readFully(count, count.length, "Apple raster page count");
        long declaredPages = Integer.toUnsignedLong(ByteBuffer.wrap(count).getInt());

        byte[] header = new byte[PAGE_HEADER_SIZE];
        while (declaredPages == 0 ? !cutter.atEnd() : cutter.pagesCut() < declaredPages) {
            String what = "Apple raster page " + (cutter.pagesCut() + 1) + " of " + declaredPages;
            cutter.startPage();
            cutter.readFully(header, PAGE_HEADER_SIZE, what + " header");
            int bitsPerPixel = header[0] & 0xff;
            long width = Integer.toUnsignedLong(ByteBuffer.wrap(header).getInt(WIDTH_AT));
            long height = Integer.toUnsignedLong(ByteBuffer.wrap(header).getInt(HEIGHT_AT));
            if (width == 0 || height == 0 || bitsPerPixel == 0 || bitsPerPixel % 8 != 0) {
                throw new DocumentFormatException(what + " has an impossible header: width " + width
                        + ", height " + height + ", bits per pixel " + bitsPerPixel);
            }
            PackBitsRaster.skipPage(cutter, height, width * (bitsPerPixel / 8), bitsPerPixel / 8, what);
            cutter.cutPage();
        }
        if (!cutter.atEnd()) {
            throw new DocumentFormatException("Apple raster has bytes after the " + declaredPages
                    + " pages it declares, at offset " + cutter.offset());
        }
        return cutter.pagesCut();
    }
}
