package org.printgate.formats.internal;

import java.io.IOException;

/**
 * The page rules of a stream that ejects its pages with form feeds, as a line printer or a PCL
 * printer does: content marks the current page, a form feed ejects it (marked or blank), a reset
 * ejects it only if it is marked, and at the end of the document a marked page is ejected while an
 * unmarked remainder is no page at all.
 *
 * <p>Page 1 starts at the first byte that marks or ejects; what comes before is the prologue.
 * Every later page starts right after the one before, so the bytes between pages belong to the
 * next page, and trailing bytes that never mark a page are the epilogue.
 */
final class PageEjector {

    private final PageCutter cutter;
    private boolean marked;

    PageEjector(PageCutter cutter) {
        this.cutter = cutter;
    }

    /** Content that starts at {@code tokenStart} (the current offset or a held one) marks the page. */
    void mark(long tokenStart) {
        if (!cutter.isPageOpen()) {
            cutter.startPageAt(tokenStart);
        }
        marked = true;
    }

    /** A form feed starting at {@code tokenStart} and ending at the current offset ejects the page. */
    void formFeed(long tokenStart) throws IOException {
        if (!cutter.isPageOpen()) {
            cutter.startPageAt(tokenStart);
        }
        eject();
    }

    /** A printer reset ending at the current offset: ejects a marked page, is neutral otherwise. */
    void reset() throws IOException {
        if (marked) {
            eject();
        }
    }

    void endOfDocument() throws IOException {
        if (marked) {
            cutter.cutPage();
        } else if (cutter.isPageOpen()) {
            cutter.abandonPage();
        }
        marked = false;
    }

    private void eject() throws IOException {
        cutter.cutPage();
        marked = false;
        cutter.startPage();
    }
}
