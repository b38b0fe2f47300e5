package org.printgate.formats.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.printgate.formats.DocumentFormatException;
import org.printgate.formats.PageSink;
import org.printgate.formats.PageSplitter;

/**
 * Splits {@code image/pwg-raster} (PWG 5102.4): the 4-byte sync word "RaS2" (the document
 * prologue), then per page a 1796-byte header and the page's PackBits lines. A page is its header
 * plus its compressed lines, and is delivered as soon as its last line has been read.
 *
 * <p>Only the header fields that size the page are read (section 4.3, all big-endian uint32):
 * Width at octet 372, Height at 376, BitsPerPixel at 388, BytesPerLine at 392. They must agree
 * (BytesPerLine = ceil(Width x BitsPerPixel / 8)), or the page is rejected as malformed: a
 * corrupt header would otherwise send the splitter through the rest of the stream in the wrong
 * units. Pixels of 1, 2 or 4 bits are compressed as whole bytes, as CUPS does.
 *
 * <p>jipp's own PWG reader (jipp-pdl) is not used: no version of it is published on Maven Central
 * (0.6.0 to 0.7.16 tried on 2026-12-07), it buffers whole pages, and jipp-core 0.7.16 has no PWG
 * header class.
 */
public final class PwgRasterSplitter implements PageSplitter {

    static final String SYNC_WORD = "RaS2";
    static final int HEADER_SIZE = 1796;
    private static final int WIDTH_AT = 372;
    private static final int HEIGHT_AT = 376;
    private static final int BITS_PER_PIXEL_AT = 388;
    private static final int BYTES_PER_LINE_AT = 392;

    @Override
    public int split(InputStream in, PageSink sink) throws IOException {
        PageCutter cutter = new PageCutter(in, sink);
        byte[] sync = new byte[SYNC_WORD.length()];
        int read = cutter.readUpTo(sync, sync.length);
        if (read < sync.length || !SYNC_WORD.equals(new String(sync, StandardCharsets.ISO_8859_1))) {
            throw new DocumentFormatException("not PWG raster: the stream does not start with the sync word "
                    + SYNC_WORD);
        }
        byte[] header = new byte[HEADER_SIZE];
        while (!cutter.atEnd()) {
            String what = "PWG raster page " + (cutter.pagesCut() + 1);
            cutter.startPage();
            cutter.readFully(header, HEADER_SIZE, what + " header");
            ByteBuffer fields = ByteBuffer.wrap(header);
            long width = Integer.toUnsignedLong(fields.getInt(WIDTH_AT));
            long height = Integer.toUnsignedLong(fields.getInt(HEIGHT_AT));
            long bitsPerPixel = Integer.toUnsignedLong(fields.getInt(BITS_PER_PIXEL_AT));
            long bytesPerLine = Integer.toUnsignedLong(fields.getInt(BYTES_PER_LINE_AT));
            checkGeometry(what, width, height, bitsPerPixel, bytesPerLine);
            PackBitsRaster.skipPage(cutter, height, bytesPerLine, (int) ((bitsPerPixel + 7) / 8), what);
            cutter.cutPage();
        }
        return cutter.pagesCut();
    }

    private static void checkGeometry(String what, long width, long height, long bitsPerPixel, long bytesPerLine)
            throws DocumentFormatException {
        boolean validDepth = bitsPerPixel == 1 || bitsPerPixel == 2 || bitsPerPixel == 4
                || (bitsPerPixel % 8 == 0 && bitsPerPixel >= 8 && bitsPerPixel <= 240);
        if (width == 0 || height == 0 || !validDepth || bytesPerLine != (width * bitsPerPixel + 7) / 8) {
            throw new DocumentFormatException(what + " has an impossible header: Width " + width + ", Height "
                    + height + ", BitsPerPixel " + bitsPerPixel + ", BytesPerLine " + bytesPerLine);
        }
    }
}
