package org.printgate.formats;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class PclSplitterTest {

    private static final String ESC = "\u001b";
    private static final String UEL = ESC + "%-12345X";
    private static final String JOB_START = UEL + "@PJL JOB NAME=\"test\"\r\n@PJL ENTER LANGUAGE=PCL\r\n" + ESC + "E";
    private static final String JOB_END = ESC + "E" + UEL + "@PJL EOJ\r\n" + UEL;

    private final PageSplitter splitter = PageSplitters.forFormat(DocumentFormats.PCL);

    @Test
    void eachFormFeedEndsAPageAndTheJobWrapperIsPrologueAndEpilogue() throws IOException {
        String document = JOB_START + ESC + "&l0O" + "Page one\r\n\f" + "Page two\r\n\f" + JOB_END;

        RecordingSink sink = split(document);

        assertThat(sink.pages).extracting(page -> PageCuts.text(bytes(document), page))
                .containsExactly(ESC + "&l0OPage one\r\n\f", "Page two\r\n\f");
        PageCuts.assertCuttable(bytes(document), sink.pages);
    }

    @Test
    void contentAfterTheLastFormFeedIsALastPageEjectedByTheReset() throws IOException {
        String document = JOB_START + "one\f" + "two" + JOB_END;

        RecordingSink sink = split(document);

        assertThat(sink.pages).extracting(page -> PageCuts.text(bytes(document), page))
                .containsExactly("one\f", "two" + ESC + "E");
    }

    @Test
    void anUnterminatedLastPageRunsToTheEndOfTheStream() throws IOException {
        String document = "one\ftwo\r\n";

        RecordingSink sink = split(document);

        assertThat(sink.pages).extracting(page -> PageCuts.text(bytes(document), page))
                .containsExactly("one\f", "two\r\n");
    }

    @Test
    void aResetOnAMarkedPageEjectsItAndConsecutiveFormFeedsEjectBlankPages() throws IOException {
        String document = ESC + "Eone" + ESC + "E" + ESC + "Etwo\f\f";

        RecordingSink sink = split(document);

        assertThat(sink.pages).extracting(page -> PageCuts.text(bytes(document), page))
                .containsExactly("one" + ESC + "E", ESC + "Etwo\f", "\f");
    }

    @Test
    void formFeedBytesInsideRasterAndDownloadDataAreNotPageBreaks() throws IOException {
        ByteArrayOutputStream document = new ByteArrayOutputStream();
        document.writeBytes(bytes(JOB_START + ESC + "*r1A"));
        for (int row = 0; row < 3; row++) {
            document.writeBytes(bytes(ESC + "*b0m4W"));
            document.writeBytes(new byte[] {0x0C, 0x0C, 0x1B, 'E'});
        }
        document.writeBytes(bytes(ESC + "*b2V"));
        document.writeBytes(new byte[] {0x0C, 0x0C});
        document.writeBytes(bytes(ESC + "(s3W"));
        document.writeBytes(new byte[] {0x0C, 0x1B, 0x0C});
        document.writeBytes(bytes(ESC + "&p2X"));
        document.writeBytes(new byte[] {0x0C, 0x0C});
        document.writeBytes(bytes(ESC + "*rB\f" + "second page\f" + JOB_END));
        byte[] bytes = document.toByteArray();
        RecordingSink sink = new RecordingSink();

        assertThat(splitter.split(new ByteArrayInputStream(bytes), sink)).isEqualTo(2);

        assertThat(PageCuts.text(bytes, sink.pages.get(1))).isEqualTo("second page\f");
        PageCuts.assertCuttable(bytes, sink.pages);
    }

    @Test
    void aFormFeedInsideHpgl2IsNotAPageBreak() throws IOException {
        String document = ESC + "E" + "text" + ESC + "%1BIN;LB\f\u0003;" + ESC + "%1A" + "\f" + ESC + "E";

        assertThat(split(document).pages).hasSize(1);
    }

    @Test
    void aStrayEscapeBeforeAFormFeedStillLetsTheFormFeedEndThePage() throws IOException {
        String document = "one" + ESC + "\f" + "two" + ESC + "%9Z\f" + "@PJX\f";

        assertThat(split(document).pages).extracting(page -> PageCuts.text(bytes(document), page))
                .containsExactly("one" + ESC + "\f", "two" + ESC + "%9Z\f", "@PJX\f");
    }

    @Test
    void rasterDataCutShortIsMalformedAfterTheCompletePages() {
        String document = JOB_START + "one\f" + ESC + "*b100W" + "only a few bytes";
        PageCuts.assertMalformedAfterPages(splitter, bytes(document), 1, "PCL data");
    }

    @Test
    void deliversAPageAsSoonAsItsFormFeedHasBeenRead() throws IOException {
        String document = JOB_START + "one\f" + "two\f" + JOB_END;
        RecordingSink sink = new RecordingSink();

        splitter.split(TripwireInput.pagesBeforeRest(bytes(document), document.indexOf('\f') + 1, sink, 1), sink);

        assertThat(sink.pages).hasSize(2);
    }

    @Test
    void aSinkFailureStopsTheSplitAndPropagatesUnchanged() {
        IOException aborted = new IOException("job aborted");
        RecordingSink sink = RecordingSink.failingAt(1, aborted);

        assertThatThrownBy(() -> splitter.split(new ByteArrayInputStream(bytes("one\ftwo\f")), sink)).isSameAs(aborted);
        assertThat(sink.pages).hasSize(1);
    }

    private RecordingSink split(String document) throws IOException {
        RecordingSink sink = new RecordingSink();
        int count = splitter.split(new ByteArrayInputStream(bytes(document)), sink);
        assertThat(count).isEqualTo(sink.pages.size());
        PageCuts.assertCuttable(bytes(document), sink.pages);
        return sink;
    }

    private static byte[] bytes(String document) {
        return document.getBytes(ISO_8859_1);
    }
}
