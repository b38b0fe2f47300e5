package org.printgate.formats.internal;

import java.io.IOException;

/**
 * Steps over the compressed lines of one raster page without decoding them: the line encoding of
 * PWG Raster (PWG 5102.4 section 4.3.1, shared by CUPS raster) and of Apple URF.
 *
 * <p>Each line group is one line-repeat byte (the line occurs that many times plus one; the
 * repeats count toward the page height), then PackBits runs until the line's bytes are produced.
 * A run byte n of 0..127 is one pixel repeated n + 1 times, 129..255 is 257 - n literal pixels,
 * and 128 fills the rest of the line with white. Like CUPS's reader, a run or a line repeat that
 * overshoots the line or the page is clipped rather than rejected, so a page splits where a CUPS
 * based printer would see it end.
 */
final class PackBitsRaster {

    private PackBitsRaster() {
    }

    /**
     * Consumes {@code height} lines of {@code bytesPerLine} bytes each, whose pixels are
     * {@code bytesPerPixel} bytes; throws {@code DocumentFormatException} naming {@code what}
     * if the input ends first.
     */
    static void skipPage(PageCutter cutter, long height, long bytesPerLine, int bytesPerPixel, String what)
            throws IOException {
        long lines = 0;
        while (lines < height) {
            lines += cutter.readRequired(what) + 1L;
            skipLine(cutter, bytesPerLine, bytesPerPixel, what);
        }
    }

    private static void skipLine(PageCutter cutter, long bytesPerLine, int bytesPerPixel, String what)
            throws IOException {
        long left = bytesPerLine;
        while (left > 0) {
            int run = cutter.readRequired(what);
            if (run == 128) {
                left = 0;
            } else if (run > 128) {
                long literal = Math.min((257L - run) * bytesPerPixel, left);
                cutter.skip(literal, what);
                left -= literal;
            } else {
                cutter.skip(bytesPerPixel, what);
                left -= Math.min((run + 1L) * bytesPerPixel, left);
            }
        }
    }
}
