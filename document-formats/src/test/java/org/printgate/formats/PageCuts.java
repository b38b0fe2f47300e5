package org.printgate.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Checks that pages are what the spooler will rely on them to be: cuttable byte ranges. */
final class PageCuts {

    private PageCuts() {
    }

    /**
     * Pages are numbered 1.., contiguous from the first page's offset (everything before it is the
     * prologue), end at or before the end of the document, and cutting the document at each
     * page's offset and length gives bytes with the page's hash.
     */
    static void assertCuttable(byte[] document, List<Page> pages) {
        long expectedOffset = pages.isEmpty() ? 0 : pages.get(0).offset();
        for (int i = 0; i < pages.size(); i++) {
            Page page = pages.get(i);
            assertThat(page.number()).isEqualTo(i + 1);
            assertThat(page.offset()).as("offset of page %d", page.number()).isEqualTo(expectedOffset);
            assertThat(page.length()).as("length of page %d", page.number()).isPositive();
            assertThat(page.offset() + page.length()).isLessThanOrEqualTo(document.length);
            byte[] cut = Arrays.copyOfRange(document, (int) page.offset(), (int) (page.offset() + page.length()));
            assertThat(page.sha256()).as("hash of page %d", page.number()).isEqualTo(sha256(cut));
            expectedOffset = page.offset() + page.length();
        }
    }

    /**
     * Splitting {@code document} is rejected as malformed, with {@code message} in the error, after
     * {@code pagesDelivered} complete pages were given to the sink.
     */
    static void assertMalformedAfterPages(PageSplitter splitter, byte[] document, int pagesDelivered, String message) {
        RecordingSink sink = new RecordingSink();
        assertThatThrownBy(() -> splitter.split(new ByteArrayInputStream(document), sink))
                .isInstanceOf(DocumentFormatException.class).hasMessageContaining(message);
        assertThat(sink.pages).hasSize(pagesDelivered);
    }

    /** The bytes of {@code page} in {@code document}, as ISO-8859-1 text. */
    static String text(byte[] document, Page page) {
        return new String(document, (int) page.offset(), (int) page.length(), StandardCharsets.ISO_8859_1);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
