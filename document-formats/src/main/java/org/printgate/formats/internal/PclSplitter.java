package org.printgate.formats.internal;

import java.io.IOException;
import java.io.InputStream;
import org.printgate.formats.PageSink;
import org.printgate.formats.PageSplitter;

/**
 * Splits {@code application/vnd.hp-pcl} (PCL 5 / PCL 3, with a PJL job wrapper) by the rules of
 * {@link PageEjector}:
 * <ul>
 *   <li>a form feed (0x0C) ejects the page, blank or not;
 *   <li>{@code ESC E} (printer reset) and the Universal Exit Language {@code ESC %-12345X} are
 *       page-neutral on an unmarked page, and eject a marked one, as a reset prints "any partial
 *       page" (PCL 5 Technical Reference, Printer Reset);
 *   <li>whitespace and PJL command lines ({@code @PJL ...} after a UEL or at the start) are
 *       page-neutral;
 *   <li>everything else marks the page: text and every other escape sequence, settings included
 *       (so setup commands after the last form feed make a last page).
 * </ul>
 *
 * <p>Escape sequences are parsed (PCL 5 Technical Reference, chapter 2), so that the binary data of
 * raster rows ({@code ESC *b#W}, {@code ESC *b#V}), downloads ({@code ESC (s#W} and every other
 * {@code #W}) and transparent print data ({@code ESC &p#X}) is skipped by its byte count and a 0x0C
 * inside it is not taken for a form feed. Inside HP-GL/2 ({@code ESC %#B} up to {@code ESC %#A}, a
 * reset or a UEL) 0x0C is not a form feed either. Data that ends before its byte count is
 * malformed. PCL XL (PCL 6) is a different, binary format and is not split by this class.
 */
public final class PclSplitter implements PageSplitter {

    @Override
    public int split(InputStream in, PageSink sink) throws IOException {
        return new Scan(new PageCutter(in, sink)).run();
    }

    /** The state of one split. */
    private static final class Scan {

        private static final int ESC = 0x1B;
        private static final long UEL_VALUE = -12345;
        private static final long MAX_COUNT = Integer.MAX_VALUE;
        private static final int MAX_DIGITS = 12;

        private final PageCutter cutter;
        private final PageEjector ejector;
        private boolean pjlAllowed = true;
        private boolean inHpgl;

        Scan(PageCutter cutter) {
            this.cutter = cutter;
            this.ejector = new PageEjector(cutter);
        }

        /** Splits the whole document; the pages cut. */
        int run() throws IOException {
            while (true) {
                // Hold each token's start: whether it marks the page is known only a few bytes on.
                cutter.hold();
                long start = cutter.offset();
                int b = cutter.read();
                if (b < 0) {
                    break;
                }
                if (b == ESC) {
                    escape(start);
                } else if (b == PlainTextSplitter.FORM_FEED && !inHpgl) {
                    ejector.formFeed(start);
                } else if (PlainTextSplitter.isWhitespace(b)) {
                    continue;
                } else if (!(b == '@' && pjlAllowed && pjlLine(start))) {
                    content(start);
                }
            }
            cutter.release();
            ejector.endOfDocument();
            return cutter.pagesCut();
        }

        private void content(long start) {
            ejector.mark(start);
            pjlAllowed = false;
        }

        /** Consumes a PJL command line if "@" at {@code start} begins one; else rewinds past the "@". */
        private boolean pjlLine(long start) throws IOException {
            if (cutter.read() != 'P' || cutter.read() != 'J' || cutter.read() != 'L') {
                cutter.rewindTo(start + 1);
                return false;
            }
            // The command runs to LF (PJL Technical Reference, chapter 2), however long it is.
            cutter.release();
            int b;
            do {
                b = cutter.read();
            } while (b >= 0 && b != '\n');
            return true;
        }

        private void escape(long start) throws IOException {
            long second = cutter.offset();
            int c = cutter.read();
            if (c == 'E') {
                inHpgl = false;
                ejector.reset();
            } else if (c == '%') {
                languageSwitch(start);
            } else if (c >= 0x21 && c <= 0x2F) {
                content(start);
                cutter.release();
                parameterized(c);
            } else {
                // A two-character sequence (0x30..0x7E) marks the page; a stray ESC before a control
                // byte or the end marks it too, and the byte is read again as its own token.
                content(start);
                if (c < 0x30 || c > 0x7E) {
                    cutter.rewindTo(second);
                }
            }
        }

        /** {@code ESC % -12345 X} (UEL), {@code ESC % # A} (to PCL), {@code ESC % # B} (to HP-GL/2). */
        private void languageSwitch(long start) throws IOException {
            long valueStart = cutter.offset();
            int b = cutter.read();
            boolean negative = b == '-';
            if (b == '-' || b == '+') {
                b = cutter.read();
            }
            // At most a few digits, so that garbage cannot outgrow the hold.
            long value = 0;
            for (int digits = 0; b >= '0' && b <= '9' && digits < MAX_DIGITS; b = cutter.read(), digits++) {
                value = value * 10 + (b - '0');
            }
            value = negative ? -value : value;
            if (b == 'X' && value == UEL_VALUE) {
                inHpgl = false;
                ejector.reset();
                pjlAllowed = true;
            } else if (b == 'A' || b == 'B') {
                inHpgl = b == 'B';
                content(start);
            } else {
                content(start);
                cutter.rewindTo(valueStart);
            }
        }

        /**
         * The rest of a parameterized sequence after its parameterized character {@code c}: an
         * optional group character, then values each followed by a parameter character, lower case
         * to combine, upper case to terminate. Data-carrying parameters are followed by their bytes.
         */
        private void parameterized(int c) throws IOException {
            int b = cutter.read();
            int group = 0;
            if (b >= 0x60 && b <= 0x7E) {
                group = b;
                b = cutter.read();
            }
            while (true) {
                if (b == '+' || b == '-') {
                    b = cutter.read();
                }
                long value = 0;
                for (; b >= '0' && b <= '9'; b = cutter.read()) {
                    value = Math.min(value * 10 + (b - '0'), MAX_COUNT);
                }
                if (b == '.') {
                    do {
                        b = cutter.read();
                    } while (b >= '0' && b <= '9');
                }
                boolean combines = b >= 0x60 && b <= 0x7E;
                if (!combines && (b < 0x40 || b > 0x5E)) {
                    // Malformed: the sequence ends here and the byte is read again as a token.
                    if (b >= 0) {
                        cutter.unread();
                    }
                    return;
                }
                int parameter = Character.toUpperCase(b);
                if (carriesData(c, group, parameter)) {
                    cutter.skip(value, "PCL data of ESC " + (char) c + (group == 0 ? "" : (char) group)
                            + value + (char) parameter);
                }
                if (!combines) {
                    return;
                }
                b = cutter.read();
            }
        }

        private static boolean carriesData(int c, int group, int parameter) {
            return parameter == 'W'
                    || (c == '*' && group == 'b' && parameter == 'V')
                    || (c == '&' && group == 'p' && parameter == 'X');
        }
    }
}
