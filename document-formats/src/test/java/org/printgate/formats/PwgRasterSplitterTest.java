package org.printgate.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.printgate.testing.RasterEncoder;

class PwgRasterSplitterTest {

    private final PageSplitter splitter = PageSplitters.forFormat(DocumentFormats.PWG_RASTER);

    @Test
    void cutsEachPageAfterItsLastLineWithTheSyncWordAsPrologue() throws IOException {
        byte[] document = RasterEncoder.pwgDocument(3, 300, 200, 24);
        RecordingSink sink = new RecordingSink();

        int count = splitter.split(new ByteArrayInputStream(document), sink);

        assertThat(count).isEqualTo(3);
        assertThat(sink.pages).hasSize(3);
        assertThat(sink.pages.get(0).offset()).isEqualTo(4);
        Page last = sink.pages.get(2);
        assertThat(last.offset() + last.length()).isEqualTo(document.length);
        PageCuts.assertCuttable(document, sink.pages);
        assertThat(sink.pages).extracting(Page::sha256).doesNotHaveDuplicates();
    }

    @Test
    void splitsGrayAndBilevelPages() throws IOException {
        for (int bitsPerPixel : new int[] {1, 8, 16}) {
            byte[] document = RasterEncoder.pwgDocument(2, 333, 120, bitsPerPixel);
            RecordingSink sink = new RecordingSink();

            assertThat(splitter.split(new ByteArrayInputStream(document), sink)).as("%d bpp", bitsPerPixel).isEqualTo(2);

            PageCuts.assertCuttable(document, sink.pages);
            Page last = sink.pages.get(1);
            assertThat(last.offset() + last.length()).isEqualTo(document.length);
        }
    }

    @Test
    void resumingFromPageTwoIsTheSyncWordPlusTheInputFromItsOffset() throws IOException {
        byte[] document = RasterEncoder.pwgDocument(3, 100, 50, 8);
        RecordingSink sink = new RecordingSink();
        splitter.split(new ByteArrayInputStream(document), sink);

        Page second = sink.pages.get(1);
        ByteArrayOutputStream resumed = new ByteArrayOutputStream();
        resumed.write(document, 0, (int) sink.pages.get(0).offset());
        resumed.write(document, (int) second.offset(), document.length - (int) second.offset());
        RecordingSink resumedSink = new RecordingSink();
        splitter.split(new ByteArrayInputStream(resumed.toByteArray()), resumedSink);

        assertThat(resumedSink.pages).extracting(Page::sha256)
                .containsExactly(sink.pages.get(1).sha256(), sink.pages.get(2).sha256());
    }

    @Test
    void deliversAPageBeforeReadingPastIt() throws IOException {
        byte[] document = RasterEncoder.pwgDocument(2, 200, 100, 24);
        RecordingSink probe = new RecordingSink();
        splitter.split(new ByteArrayInputStream(document), probe);
        int endOfPageOne = (int) (probe.pages.get(0).offset() + probe.pages.get(0).length());

        RecordingSink sink = new RecordingSink();
        splitter.split(TripwireInput.pagesBeforeRest(document, endOfPageOne, sink, 1), sink);

        assertThat(sink.pages).hasSize(2);
    }

    @Test
    void skipsFillToEndOfLineRunsAndCountsRepeatedLinesTowardTheHeight() throws IOException {
        ByteArrayOutputStream document = new ByteArrayOutputStream();
        document.writeBytes(RasterEncoder.PWG_SYNC);
        document.writeBytes(RasterEncoder.pwgHeader(10, 5, 8));
        document.writeBytes(new byte[] {3, 2, 0x11, (byte) 128});            // 4 lines: 3 pixels, then white
        document.writeBytes(new byte[] {0, (byte) (257 - 10), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        byte[] bytes = document.toByteArray();
        RecordingSink sink = new RecordingSink();

        assertThat(splitter.split(new ByteArrayInputStream(bytes), sink)).isEqualTo(1);

        assertThat(sink.pages.get(0).length()).isEqualTo(1796 + 4 + 12);
        PageCuts.assertCuttable(bytes, sink.pages);
    }

    @Test
    void aSyncWordWithoutPagesIsAnEmptyDocument() throws IOException {
        RecordingSink sink = new RecordingSink();

        assertThat(splitter.split(new ByteArrayInputStream(RasterEncoder.PWG_SYNC), sink)).isZero();
        assertThat(sink.pages).isEmpty();
    }

    @Test
    void rejectsABadSyncWordBeforeAnyPage() {
        byte[] document = RasterEncoder.pwgDocument(1, 10, 10, 8);
        document[3] = '3';
        PageCuts.assertMalformedAfterPages(splitter, document, 0, "sync word");
    }

    @Test
    void deliversTheCompletePagesOfATruncatedDocumentThenFails() throws IOException {
        byte[] document = RasterEncoder.pwgDocument(3, 120, 80, 24);
        RecordingSink probe = new RecordingSink();
        splitter.split(new ByteArrayInputStream(document), probe);
        long endOfPageTwo = probe.pages.get(1).offset() + probe.pages.get(1).length();
        for (long cutAt : new long[] {endOfPageTwo + 100, endOfPageTwo + 1796 + 50, document.length - 1}) {
            byte[] truncated = Arrays.copyOf(document, (int) cutAt);
            RecordingSink sink = new RecordingSink();

            assertThatThrownBy(() -> splitter.split(new ByteArrayInputStream(truncated), sink))
                    .isInstanceOf(DocumentFormatException.class).hasMessageContaining("page 3");
            assertThat(sink.pages).containsExactlyElementsOf(probe.pages.subList(0, 2));
        }
    }

    @Test
    void rejectsAHeaderWhoseLineLengthDoesNotMatchItsWidth() {
        byte[] document = RasterEncoder.pwgDocument(2, 100, 10, 8);
        int secondHeader = document.length / 2 + 2;   // both pages are the same size
        document[secondHeader + 392 + 3] = 99;        // BytesPerLine of page 2
        PageCuts.assertMalformedAfterPages(splitter, document, 1, "BytesPerLine 99");
    }

    @Test
    void aSinkFailureStopsTheSplitAndPropagatesUnchanged() {
        byte[] document = RasterEncoder.pwgDocument(4, 100, 20, 8);
        IOException aborted = new IOException("job aborted");
        RecordingSink sink = RecordingSink.failingAt(2, aborted);

        assertThatThrownBy(() -> splitter.split(new ByteArrayInputStream(document), sink)).isSameAs(aborted);
        assertThat(sink.pages).hasSize(2);
    }
}
