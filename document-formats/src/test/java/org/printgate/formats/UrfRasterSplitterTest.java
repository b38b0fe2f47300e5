package org.printgate.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.printgate.testing.RasterEncoder;

class UrfRasterSplitterTest {

    private final PageSplitter splitter = PageSplitters.forFormat(DocumentFormats.URF);

    @Test
    void cutsTheDeclaredPagesAfterTheTwelveByteFileHeader() throws IOException {
        byte[] document = RasterEncoder.urfDocument(3, 3, 250, 90, 24);
        RecordingSink sink = new RecordingSink();

        assertThat(splitter.split(new ByteArrayInputStream(document), sink)).isEqualTo(3);

        assertThat(sink.pages.get(0).offset()).isEqualTo(12);
        assertThat(sink.pages.get(2).offset() + sink.pages.get(2).length()).isEqualTo(document.length);
        PageCuts.assertCuttable(document, sink.pages);
    }

    @Test
    void aPageCountOfZeroMeansReadPagesToTheEnd() throws IOException {
        byte[] document = RasterEncoder.urfDocument(2, 0, 64, 64, 8);
        RecordingSink sink = new RecordingSink();

        assertThat(splitter.split(new ByteArrayInputStream(document), sink)).isEqualTo(2);
        PageCuts.assertCuttable(document, sink.pages);
    }

    @Test
    void fewerPagesThanDeclaredIsMalformedAfterThePagesThatCame() {
        byte[] document = RasterEncoder.urfDocument(2, 3, 64, 64, 24);
        PageCuts.assertMalformedAfterPages(splitter, document, 2, "page 3 of 3");
    }

    @Test
    void bytesAfterTheDeclaredPagesAreMalformed() {
        byte[] document = RasterEncoder.urfDocument(2, 1, 64, 64, 24);
        PageCuts.assertMalformedAfterPages(splitter, document, 1, "after the 1 pages");
    }

    @Test
    void aTruncatedPageIsMalformedAfterTheCompletePages() {
        byte[] document = RasterEncoder.urfDocument(2, 2, 64, 64, 24);
        PageCuts.assertMalformedAfterPages(splitter, Arrays.copyOf(document, document.length - 5), 1, "page 2 of 2");
    }

    @Test
    void aStreamWithoutTheMagicIsNotAppleRaster() {
        assertThatThrownBy(() -> splitter.split(new ByteArrayInputStream(RasterEncoder.PWG_SYNC), new RecordingSink()))
                .isInstanceOf(DocumentFormatException.class).hasMessageContaining("UNIRAST");
    }
}
