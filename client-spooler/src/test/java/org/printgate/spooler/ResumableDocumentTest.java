package org.printgate.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.spooler.forward.ResumableDocument;

/** A document's pages count the same whether it is read from its file or from the journal's copy in memory. */
class ResumableDocumentTest {
    @TempDir
    Path dir;

    @Test
    void pagesAreCountedAlikeFromAFileAndFromMemory() throws Exception {
        Path pdf = Documents.pdf(dir, "letter", 3);
        Path postScript = Documents.postScript(dir, "memo", 4);

        for (String format : new String[] {"application/pdf", "application/octet-stream"}) {
            assertThat(ResumableDocument.pageCount(pdf, format)).as(format).isEqualTo(3);
            assertThat(ResumableDocument.pageCount(Files.readAllBytes(pdf), format)).as(format).isEqualTo(3);
        }
        assertThat(ResumableDocument.pageCount(postScript, "application/postscript")).isEqualTo(4);
        assertThat(ResumableDocument.pageCount(Files.readAllBytes(postScript), "application/postscript")).isEqualTo(4);
        assertThat(ResumableDocument.pageCount(new byte[] {1, 2, 3}, "application/pdf")).as("not a PDF").isEqualTo(-1);
    }
}
