package org.printgate.formats.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.printgate.formats.PageSink;
import org.printgate.formats.PageSplitter;

/**
 * Splits {@code application/postscript}, line by line (lines end in LF, CR or CR LF), holding no
 * more than one line prefix.
 *
 * <p><b>DSC documents</b> (Adobe DSC 3.0): a page starts at a line beginning with {@code %%Page:}
 * and ends before the next {@code %%Page:}, {@code %%Trailer} or {@code %%EOF} line, or at the end
 * of the stream. Bytes before the first page (header, prolog, setup, and a PJL wrapper if any) are
 * the prologue; bytes after the last page (trailer, UEL) the epilogue. Comments inside
 * {@code %%BeginDocument}/{@code %%EndDocument} (embedded EPS) are not the document's own, and the
 * data announced by {@code %%BeginBinary: n} and {@code %%BeginData: n [type [Bytes|Lines]]} is
 * stepped over unread, so bytes inside it are never taken for comments.
 *
 * <p><b>Documents without {@code %%Page:} comments</b>: which rule applies is decided by the first
 * line starting with {@code %!}. If it is {@code %!PS-Adobe-} (claims DSC conformance, e.g. EPS),
 * the whole document from that line on is one page if it executes {@code showpage} anywhere, else
 * zero pages. Otherwise (plain {@code %!}, or a showpage before any such line) there is one page
 * per executed {@code showpage} token (found by {@link PostScriptLexer}, which skips comments,
 * strings and {@code /showpage}): page 1 runs from the {@code %!} line to just after the first
 * {@code showpage}, each next page from there to just after the next one, and bytes after the last
 * are the epilogue. This is a heuristic: a showpage inside a procedure body counts once, however
 * often the procedure runs, and binary image data is scanned as if it were code. A {@code %%Page:}
 * comment that appears after showpage has already delimited pages is ignored, since those pages
 * are delivered.
 *
 * <p>PostScript is not validated, so this splitter never throws {@code DocumentFormatException}
 * except for {@code %%BeginBinary}/{@code %%BeginData} data cut short.
 */
public final class PostScriptSplitter implements PageSplitter {

    @Override
    public int split(InputStream in, PageSink sink) throws IOException {
        return new Scan(new PageCutter(in, sink)).run();
    }

    /** The state of one split. */
    private static final class Scan {

        private enum Mode { UNDECIDED, DSC, SHOWPAGE }

        /** Long enough for every comment acted on, with its arguments. */
        private static final int PREFIX_SIZE = 256;

        private final PageCutter cutter;
        private final PostScriptLexer lexer = new PostScriptLexer();
        private Mode mode = Mode.UNDECIDED;
        private boolean pageComments;
        private boolean showpageSeen;
        private int embedding;
        private long dataLinesLeft;
        private long dataBytesAfterLine;

        private final byte[] prefix = new byte[PREFIX_SIZE];
        private int prefixLength;
        private long lineStart;
        private boolean lineIsData;
        private boolean lineClassified;

        Scan(PageCutter cutter) {
            this.cutter = cutter;
        }

        /** Splits the whole document; the pages cut. */
        int run() throws IOException {
            // Until the document shows its kind, everything may turn out to be page 1.
            cutter.startPage();
            startLine();
            for (int b = cutter.read(); b >= 0; b = cutter.read()) {
                if (b == '\r' || b == '\n') {
                    endLine(b);
                    startLine();
                } else {
                    inLine(b);
                }
            }
            if (!lineClassified && !lineIsData) {
                classify();
            }
            if (!lineIsData && embedding == 0 && lexer.endOfInput()) {
                showpage(cutter.offset());
            }
            endOfDocument();
            return cutter.pagesCut();
        }

        private void startLine() {
            lineStart = cutter.offset();
            prefixLength = 0;
            lineIsData = dataLinesLeft > 0;
            lineClassified = lineIsData;
            if (!lineIsData) {
                cutter.hold();
            }
        }

        private void inLine(int b) throws IOException {
            if (prefixLength < PREFIX_SIZE) {
                prefix[prefixLength++] = (byte) b;
            }
            if (lineIsData) {
                return;
            }
            // Only a comment line can be a boundary; a code line is known from its first byte.
            if (!lineClassified && (prefix[0] != '%' || prefixLength == PREFIX_SIZE)) {
                classify();
            }
            if (embedding == 0 && lexer.accept(b)) {
                showpage(cutter.offset() - 1);
            }
        }

        private void endLine(int terminator) throws IOException {
            if (!lineIsData && embedding == 0 && lexer.endOfLine()) {
                showpage(cutter.offset() - 1);
            }
            if (terminator == '\r') {
                int next = cutter.read();
                if (next >= 0 && next != '\n') {
                    cutter.unread();
                }
            }
            if (lineIsData) {
                dataLinesLeft--;
            } else if (!lineClassified) {
                classify();
            }
            if (dataBytesAfterLine > 0) {
                long count = dataBytesAfterLine;
                dataBytesAfterLine = 0;
                cutter.skip(count, "PostScript %%BeginBinary/%%BeginData data");
            }
        }

        private void classify() throws IOException {
            lineClassified = true;
            String line = new String(prefix, 0, prefixLength, StandardCharsets.ISO_8859_1);
            if (line.startsWith("%%BeginDocument")) {
                embedding++;
            } else if (line.startsWith("%%EndDocument")) {
                embedding = Math.max(0, embedding - 1);
            } else if (embedding > 0) {
                // an embedded document's comments are not ours
            } else if (line.startsWith("%!") && mode == Mode.UNDECIDED) {
                mode = line.startsWith("%!PS-Adobe-") ? Mode.DSC : Mode.SHOWPAGE;
                restartPage();
            } else if (line.startsWith("%%Page:")) {
                pageComment();
            } else if (line.startsWith("%%Trailer") || line.startsWith("%%EOF")) {
                if (pageComments && cutter.isPageOpen()) {
                    cutter.cutPageAt(lineStart);
                }
            } else if (line.startsWith("%%BeginBinary:") || line.startsWith("%%BeginData:")) {
                announcedData(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
            }
            cutter.release();
        }

        private void pageComment() throws IOException {
            if (mode == Mode.SHOWPAGE && cutter.pagesCut() > 0) {
                return;
            }
            if (!pageComments) {
                mode = Mode.DSC;
                pageComments = true;
                restartPage();
                return;
            }
            if (cutter.isPageOpen()) {
                cutter.cutPageAt(lineStart);
            }
            cutter.startPageAt(lineStart);
        }

        /** The page that was open speculatively starts over at this line. */
        private void restartPage() {
            cutter.abandonPage();
            cutter.startPageAt(lineStart);
        }

        /** {@code %%BeginBinary: n} or {@code %%BeginData: n [type [Bytes|Lines]]}. */
        private void announcedData(String[] arguments) {
            long count;
            try {
                count = Long.parseLong(arguments[0]);
            } catch (NumberFormatException e) {
                return;
            }
            if (count <= 0) {
                return;
            }
            if (arguments.length >= 3 && arguments[2].equals("Lines")) {
                dataLinesLeft = count;
            } else {
                dataBytesAfterLine = count;
            }
        }

        private void showpage(long end) throws IOException {
            showpageSeen = true;
            if (mode == Mode.UNDECIDED) {
                mode = Mode.SHOWPAGE;
            }
            if (mode == Mode.SHOWPAGE) {
                cutter.cutPageAt(end);
                cutter.startPageAt(end);
            }
        }

        private void endOfDocument() throws IOException {
            cutter.release();
            if (!cutter.isPageOpen()) {
                return;
            }
            boolean lastPageIsReal = mode == Mode.DSC && (pageComments || showpageSeen);
            if (lastPageIsReal) {
                cutter.cutPage();
            } else {
                cutter.abandonPage();
            }
        }
    }
}
