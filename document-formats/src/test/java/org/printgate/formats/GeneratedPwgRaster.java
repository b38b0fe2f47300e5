package org.printgate.formats;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import org.printgate.testing.RasterEncoder;

/**
 * A PWG raster document of identical pages, produced on the fly as it is read, so tests can split
 * hundreds of megabytes that never exist in memory at once.
 */
final class GeneratedPwgRaster extends InputStream {

    private final byte[] header;
    private final byte[] line;
    private final int pages;
    private final int linesPerPage;

    private byte[] part = RasterEncoder.PWG_SYNC;
    private int inPart;
    private int page;
    private int lineOfPage;

    /** Pages of {@code width} x {@code height} 24-bit pixels whose lines are all literal runs. */
    GeneratedPwgRaster(int pages, int width, int height) {
        this.pages = pages;
        this.linesPerPage = height;
        this.header = RasterEncoder.pwgHeader(width, height, 24);
        byte[] pixels = new byte[width * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7 + i / 3);
        }
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        encoded.write(0);   // no line repeat: every line is sent
        RasterEncoder.packLine(encoded, pixels, 3);
        this.line = encoded.toByteArray();
    }

    long pageLength() {
        return header.length + (long) line.length * linesPerPage;
    }

    long length() {
        return RasterEncoder.PWG_SYNC.length + pageLength() * pages;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (inPart == part.length && !nextPart()) {
            return -1;
        }
        int step = Math.min(length, part.length - inPart);
        System.arraycopy(part, inPart, into, offset, step);
        inPart += step;
        return step;
    }

    private boolean nextPart() {
        if (lineOfPage == linesPerPage || part == RasterEncoder.PWG_SYNC) {
            if (page == pages) {
                return false;
            }
            page++;
            lineOfPage = 0;
            part = header;
        } else {
            lineOfPage++;
            part = line;
        }
        inPart = 0;
        return true;
    }
}
