package org.printgate.formats;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostScriptSplitterTest {

    private static final String PROLOG = "%!PS-Adobe-3.0\n%%Pages: 3\n%%EndComments\n%%BeginProlog\n"
            + "/F { /Helvetica findfont 24 scalefont setfont } def\n%%EndProlog\n";

    private final PageSplitter splitter = PageSplitters.forFormat(DocumentFormats.POSTSCRIPT);

    @Test
    void cutsDscPagesFromEachPageCommentToTheNextAndStopsAtTheTrailer() throws IOException {
        String document = PROLOG
                + "%%Page: 1 1\nF 72 700 moveto (one) show showpage\n"
                + "%%Page: 2 2\nF 72 700 moveto (two) show showpage\n%%PageTrailer\n"
                + "%%Page: 3 3\nF 72 700 moveto (three) show showpage\n"
                + "%%Trailer\n%%EOF\n";

        assertThat(pageTexts(document)).containsExactly(
                "%%Page: 1 1\nF 72 700 moveto (one) show showpage\n",
                "%%Page: 2 2\nF 72 700 moveto (two) show showpage\n%%PageTrailer\n",
                "%%Page: 3 3\nF 72 700 moveto (three) show showpage\n");
    }

    @Test
    void recognisesPageCommentsAfterCarriageReturnAndCrLfLineEnds() throws IOException {
        for (String newline : new String[] {"\r", "\r\n"}) {
            String document = (PROLOG + "%%Page: 1 1\n(a) show showpage\n%%Page: 2 2\n(b) show showpage\n%%EOF\n")
                    .replace("\n", newline);

            assertThat(pageTexts(document)).containsExactly(
                    ("%%Page: 1 1\n(a) show showpage\n").replace("\n", newline),
                    ("%%Page: 2 2\n(b) show showpage\n").replace("\n", newline));
        }
    }

    @Test
    void aDocumentEndingWithoutTrailerEndsItsLastPageAtTheEndOfTheStream() throws IOException {
        String document = PROLOG + "%%Page: 1 1\nshowpage\n%%Page: 2 2\nshowpage";

        RecordingSink sink = split(document);

        assertThat(sink.pages).hasSize(2);
        Page last = sink.pages.get(1);
        assertThat(last.offset() + last.length()).isEqualTo(document.length());
        PageCuts.assertCuttable(bytes(document), sink.pages);
    }

    @Test
    void deliversADscPageOnceTheNextPageCommentHasBeenRead() throws IOException {
        String document = PROLOG + "%%Page: 1 1\nshowpage\n%%Page: 2 2\nshowpage\n%%EOF\n";
        int afterSecondPageComment = document.indexOf("%%Page: 2 2\n") + "%%Page: 2 2\n".length();
        RecordingSink sink = new RecordingSink();

        splitter.split(TripwireInput.pagesBeforeRest(bytes(document), afterSecondPageComment, sink, 1), sink);

        assertThat(sink.pages).hasSize(2);
    }

    @Test
    void ignoresPageCommentsOfEmbeddedDocumentsAndInsideAnnouncedData() throws IOException {
        String binary = "x\n%%Page: 9 9\ny";
        String document = PROLOG
                + "%%Page: 1 1\n%%BeginDocument: figure.eps\n%!PS-Adobe-3.0 EPSF-3.0\n%%Page: 1 1\nshowpage\n"
                + "%%EOF\n%%EndDocument\nshowpage\n"
                + "%%Page: 2 2\n%%BeginBinary: " + binary.length() + "\n" + binary + "\n%%EndBinary\n"
                + "%%BeginData: 2 ASCII Lines\n%%Page: 8 8\n%%Trailer\n%%EndData\nshowpage\n"
                + "%%Trailer\n%%EOF\n";

        RecordingSink sink = split(document);

        assertThat(sink.pages).hasSize(2);
        assertThat(PageCuts.text(bytes(document), sink.pages.get(1))).startsWith("%%Page: 2 2\n").endsWith("%%EndData\nshowpage\n");
        PageCuts.assertCuttable(bytes(document), sink.pages);
    }

    @Test
    void withoutPageCommentsEachShowpageEndsAPage() throws IOException {
        String document = "%!PS\n/Helvetica findfont 12 scalefont setfont\n"
                + "72 72 moveto (one) show showpage\n"
                + "72 72 moveto (two) show showpage 72 72 moveto (three) show showpage\n";

        assertThat(pageTexts(document)).containsExactly(
                "%!PS\n/Helvetica findfont 12 scalefont setfont\n72 72 moveto (one) show showpage",
                "\n72 72 moveto (two) show showpage",
                " 72 72 moveto (three) show showpage");
    }

    @Test
    void showpageInCommentsStringsAndLiteralNamesIsNotAPage() throws IOException {
        String document = "%!\n% showpage\n(a showpage \\) (showpage)) show\n/showpage { } def\n"
                + "<~showpage(%~> pop showpage2 xshowpage\nshowpage";

        RecordingSink sink = split(document);

        assertThat(sink.pages).hasSize(1);
        assertThat(sink.pages.get(0).length()).isEqualTo(document.length());
    }

    @Test
    void aDscDocumentWithoutPageCommentsIsOnePageIfItShowsAPage() throws IOException {
        String eps = "%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\n0 0 moveto 100 100 lineto stroke\n";

        assertThat(split(eps).pages).isEmpty();
        RecordingSink sink = split(eps + "showpage\n%%EOF\n");
        assertThat(sink.pages).hasSize(1);
        assertThat(sink.pages.get(0).length()).isEqualTo(eps.length() + "showpage\n%%EOF\n".length());
    }

    @Test
    void aPjlWrapperIsPartOfThePrologueAndEpilogue() throws IOException {
        String document = "\u001b%-12345X@PJL JOB\r\n@PJL ENTER LANGUAGE=POSTSCRIPT\r\n" + PROLOG
                + "%%Page: 1 1\nshowpage\n%%Trailer\n%%EOF\n\u001b%-12345X@PJL EOJ\r\n\u001b%-12345X";

        assertThat(pageTexts(document)).containsExactly("%%Page: 1 1\nshowpage\n");
    }

    @Test
    void announcedBinaryDataCutShortIsMalformedAfterTheCompletePages() {
        String document = PROLOG + "%%Page: 1 1\nshowpage\n%%Page: 2 2\n%%BeginBinary: 5000\nabc";
        PageCuts.assertMalformedAfterPages(splitter, bytes(document), 1, "BeginBinary");
    }

    @Test
    void aSinkFailureStopsTheSplitAndPropagatesUnchanged() {
        String document = PROLOG + "%%Page: 1 1\nshowpage\n%%Page: 2 2\nshowpage\n%%Page: 3 3\nshowpage\n";
        IOException aborted = new IOException("job aborted");
        RecordingSink sink = RecordingSink.failingAt(1, aborted);

        assertThatThrownBy(() -> splitter.split(new ByteArrayInputStream(bytes(document)), sink)).isSameAs(aborted);
        assertThat(sink.pages).hasSize(1);
    }

    @Test
    void splitsLongLinesWithoutHoldingThem() throws IOException {
        String hexLine = "0123456789abcdef".repeat(100_000);   // 1.6 MB of image data on one line
        String document = PROLOG + "%%Page: 1 1\n" + hexLine + "\nshowpage\n%%Page: 2 2\n%" + hexLine
                + "\nshowpage\n%%EOF\n";

        RecordingSink sink = split(document);

        assertThat(sink.pages).hasSize(2);
        PageCuts.assertCuttable(bytes(document), sink.pages);
    }

    private RecordingSink split(String document) throws IOException {
        RecordingSink sink = new RecordingSink();
        int count = splitter.split(new ByteArrayInputStream(bytes(document)), sink);
        assertThat(count).isEqualTo(sink.pages.size());
        return sink;
    }

    /** Splits {@code document}, checks that its pages are cuttable, and gives each page's text. */
    private List<String> pageTexts(String document) throws IOException {
        RecordingSink sink = split(document);
        PageCuts.assertCuttable(bytes(document), sink.pages);
        return sink.pages.stream().map(page -> PageCuts.text(bytes(document), page)).toList();
    }

    private static byte[] bytes(String document) {
        return document.getBytes(ISO_8859_1);
    }
}
