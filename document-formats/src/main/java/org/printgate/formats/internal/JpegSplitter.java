package org.printgate.formats.internal;

import java.io.IOException;
import java.io.InputStream;
import org.printgate.formats.DocumentFormatException;
import org.printgate.formats.PageSink;
import org.printgate.formats.PageSplitter;

/**
 * Splits {@code image/jpeg}: the whole stream is exactly one page, delivered at the end of the
 * stream (bytes after the EOI marker, such as camera trailers, belong to it).
 *
 * <p>The marker structure (ITU T.81 annex B) is walked on the way through, without decoding, so a
 * stream that is not JPEG or ends before its EOI marker is rejected as malformed rather than
 * "printed": segments are skipped by their length fields, and entropy-coded data is scanned for
 * the next marker, passing over stuffed 0xFF00 bytes and RSTn markers.
 */
public final class JpegSplitter implements PageSplitter {

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int TEM = 0x01;
    private static final int RST0 = 0xD0;
    private static final int RST7 = 0xD7;

    @Override
    public int split(InputStream in, PageSink sink) throws IOException {
        PageCutter cutter = new PageCutter(in, sink);
        cutter.startPage();
        if (cutter.read() != 0xFF || cutter.read() != SOI) {
            throw new DocumentFormatException("not JPEG: the stream does not start with an SOI marker");
        }
        int marker = nextMarker(cutter);
        while (marker != EOI) {
            if (marker == SOI) {
                throw new DocumentFormatException("JPEG has a second SOI marker at offset " + (cutter.offset() - 2));
            }
            if (marker == TEM || (marker >= RST0 && marker <= RST7)) {
                marker = nextMarker(cutter);
                continue;
            }
            int length = (cutter.readRequired("JPEG segment") << 8) | cutter.readRequired("JPEG segment");
            if (length < 2) {
                throw new DocumentFormatException("JPEG segment length " + length + " at offset " + cutter.offset());
            }
            cutter.skip(length - 2, "JPEG segment");
            marker = marker == SOS ? markerAfterScan(cutter) : nextMarker(cutter);
        }
        cutter.skipToEnd();
        cutter.cutPage();
        return 1;
    }

    /** Reads a marker that must come next, skipping 0xFF fill bytes. */
    private static int nextMarker(PageCutter cutter) throws IOException {
        int b = cutter.readRequired("JPEG (no EOI marker)");
        if (b != 0xFF) {
            throw new DocumentFormatException("JPEG expects a marker at offset " + (cutter.offset() - 1));
        }
        do {
            b = cutter.readRequired("JPEG (no EOI marker)");
        } while (b == 0xFF);
        return b;
    }

    /** Scans entropy-coded data for the marker that ends it. */
    private static int markerAfterScan(PageCutter cutter) throws IOException {
        while (true) {
            if (cutter.readRequired("JPEG scan data (no EOI marker)") != 0xFF) {
                continue;
            }
            int b;
            do {
                b = cutter.readRequired("JPEG scan data (no EOI marker)");
            } while (b == 0xFF);
            if (b != 0x00 && (b < RST0 || b > RST7)) {
                return b;
            }
        }
    }
}
