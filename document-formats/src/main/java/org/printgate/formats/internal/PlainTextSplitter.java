package org.printgate.formats.internal;

import java.io.IOException;
import java.io.InputStream;
import org.printgate.formats.PageSink;
import org.printgate.formats.PageSplitter;

/**
 * Splits {@code text/plain} the way a line printer pages it: every form feed (0x0C) ends a page,
 * blank or not, and text after the last form feed is a last page unless it is only whitespace
 * (space, tab, CR, LF). Whitespace before the first text or form feed is the prologue. Pages are
 * not cut by line count: text/plain carries no page length, and the printer's is not known here.
 *
 * <p>Text has no structure to violate, so this splitter never throws
 * {@code DocumentFormatException}.
 */
public final class PlainTextSplitter implements PageSplitter {

    static final int FORM_FEED = 0x0C;

    @Override
    public int split(InputStream in, PageSink sink) throws IOException {
        PageCutter cutter = new PageCutter(in, sink);
        PageEjector ejector = new PageEjector(cutter);
        for (int b = cutter.read(); b >= 0; b = cutter.read()) {
            long start = cutter.offset() - 1;
            if (b == FORM_FEED) {
                ejector.formFeed(start);
            } else if (!isWhitespace(b)) {
                ejector.mark(start);
            }
        }
        ejector.endOfDocument();
        return cutter.pagesCut();
    }

    static boolean isWhitespace(int b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
