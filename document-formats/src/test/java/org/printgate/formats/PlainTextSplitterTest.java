package org.printgate.formats;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class PlainTextSplitterTest {

    private final PageSplitter splitter = PageSplitters.forFormat("text/plain; charset=utf-8");

    @Test
    void formFeedsEndPagesAndTrailingTextIsALastPage() throws IOException {
        assertThat(pages("one\ftwo\fthree")).containsExactly("one\f", "two\f", "three");
    }

    @Test
    void whitespaceAfterTheLastFormFeedIsNoPage() throws IOException {
        assertThat(pages("\r\none\ftwo\f\r\n \t")).containsExactly("one\f", "two\f");
    }

    @Test
    void aFormFeedOnABlankPageEjectsABlankPage() throws IOException {
        assertThat(pages("\fone\f\f")).containsExactly("\f", "one\f", "\f");
    }

    @Test
    void emptyAndBlankDocumentsHaveNoPages() throws IOException {
        assertThat(pages("")).isEmpty();
        assertThat(pages("\n\n  ")).isEmpty();
    }

    private java.util.List<String> pages(String document) throws IOException {
        byte[] bytes = document.getBytes(ISO_8859_1);
        RecordingSink sink = new RecordingSink();
        assertThat(splitter.split(new ByteArrayInputStream(bytes), sink)).isEqualTo(sink.pages.size());
        PageCuts.assertCuttable(bytes, sink.pages);
        return sink.pages.stream().map(page -> PageCuts.text(bytes, page)).toList();
    }
}
