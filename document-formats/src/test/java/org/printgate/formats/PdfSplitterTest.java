package org.printgate.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

class PdfSplitterTest {

    private final PageSplitter splitter = PageSplitters.forFormat(DocumentFormats.PDF);

    @Test
    void deliversOnePagePerPdfPageHashedByItsContentWithoutAByteRange() throws IOException {
        byte[] document = pdf("one", "two", "three", "two");
        RecordingSink sink = new RecordingSink();

        int count = splitter.split(new ByteArrayInputStream(document), sink);

        assertThat(count).isEqualTo(4);
        assertThat(sink.pages).extracting(Page::number).containsExactly(1, 2, 3, 4);
        assertThat(sink.pages).allSatisfy(page -> {
            assertThat(page.offset()).isEqualTo(Page.NO_BYTE_RANGE);
            assertThat(page.length()).isEqualTo(Page.NO_BYTE_RANGE);
            assertThat(page.hasByteRange()).isFalse();
            assertThat(page.sha256()).hasSize(64).matches("[0-9a-f]+");
        });
        List<String> hashes = sink.pages.stream().map(Page::sha256).toList();
        assertThat(hashes.subList(0, 3)).doesNotHaveDuplicates();
        assertThat(hashes.get(3)).as("same content, same hash").isEqualTo(hashes.get(1));
    }

    @Test
    void theSameDocumentSplitTwiceGivesTheSameHashes() throws IOException {
        byte[] document = pdf("alpha", "beta");
        RecordingSink first = new RecordingSink();
        RecordingSink second = new RecordingSink();

        splitter.split(new ByteArrayInputStream(document), first);
        splitter.split(new ByteArrayInputStream(document), second);

        assertThat(second.pages).isEqualTo(first.pages);
    }

    @Test
    void garbageIsMalformedAndLeavesNoTemporaryFile() throws IOException {
        long copiesBefore = temporaryCopies();
        byte[] garbage = "this is not a PDF at all".getBytes(StandardCharsets.US_ASCII);
        RecordingSink sink = new RecordingSink();

        assertThatThrownBy(() -> splitter.split(new ByteArrayInputStream(garbage), sink))
                .isInstanceOf(DocumentFormatException.class);
        assertThat(sink.pages).isEmpty();
        assertThat(temporaryCopies()).isEqualTo(copiesBefore);
    }

    @Test
    void aTruncatedPdfFailsOrYieldsOnlyWhatPdfBoxCanRecover() throws IOException {
        byte[] document = pdf("one", "two", "three");
        byte[] truncated = Arrays.copyOf(document, document.length / 3);
        RecordingSink sink = new RecordingSink();

        try {
            int count = splitter.split(new ByteArrayInputStream(truncated), sink);
            // PDFBox parses leniently and may rebuild the page tree from the objects it finds.
            assertThat(count).isBetween(0, 3);
        } catch (DocumentFormatException expected) {
            assertThat(sink.pages).hasSizeLessThan(3);
        }
    }

    @Test
    void aSinkFailureStopsTheSplitPropagatesUnchangedAndLeavesNoTemporaryFile() throws IOException {
        long copiesBefore = temporaryCopies();
        IOException aborted = new IOException("job aborted");
        RecordingSink sink = RecordingSink.failingAt(2, aborted);

        assertThatThrownBy(() -> splitter.split(new ByteArrayInputStream(pdf("a", "b", "c")), sink)).isSameAs(aborted);
        assertThat(sink.pages).hasSize(2);
        assertThat(temporaryCopies()).isEqualTo(copiesBefore);
    }

    /** A PDF with one page per text, each showing its text. */
    static byte[] pdf(String... texts) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDType1Font helvetica = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (String text : texts) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(helvetica, 24);
                    content.newLineAtOffset(72, 700);
                    content.showText(text);
                    content.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    private static long temporaryCopies() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(file -> file.getFileName().toString().startsWith("printgate-split-")).count();
        }
    }
}
