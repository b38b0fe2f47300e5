package org.printgate.bench.spooler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** The documents the bench prints, made on the spot, seeded: the same bytes every run. */
final class BenchDocuments {
    private BenchDocuments() {}

    /** A two-page A4 PDF of text, a few KB: what an office print of a letter looks like. */
    static Path smallPdf(Path directory) throws IOException {
        Path file = directory.resolve("letter.pdf");
        try (PDDocument pdf = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int page = 1; page <= 2; page++) {
                PDPage sheet = new PDPage(PDRectangle.A4);
                pdf.addPage(sheet);
                try (PDPageContentStream text = new PDPageContentStream(pdf, sheet)) {
                    text.beginText();
                    text.setFont(font, 11);
                    text.setLeading(14);
                    text.newLineAtOffset(72, 770);
                    for (int line = 1; line <= 45; line++) {
                        text.showText("Page " + page + ", line " + line + ": the quick brown fox jumps over the lazy dog "
                                + (page * 100 + line));
                        text.newLine();
                    }
                    text.endText();
                }
            }
            pdf.save(file.toFile());
        }
        return file;
    }

    /**
     * A PCL 5 raster job of {@code mib} pages of 1 MiB each (a 600-dpi colour page is about that
     * size uncompressed): per page a reset, raster rows of 8 KiB of seeded random data
     * ({@code ESC *b8192W}), end of raster and a form feed. Page boundaries are where the
     * spooler's page splitter finds them, and random rows do not compress.
     */
    static Path largePcl(Path directory, int mib) throws IOException {
        Path file = directory.resolve("large-" + mib + "mib.pcl");
        byte[] row = new byte[8192];
        new Random(20261121L).nextBytes(row);
        byte[] rowHeader = "\u001b*b8192W".getBytes(StandardCharsets.ISO_8859_1);
        byte[] pageStart = "\u001bE\u001b*t600R\u001b*r1A".getBytes(StandardCharsets.ISO_8859_1);
        byte[] pageEnd = "\u001b*rB\f".getBytes(StandardCharsets.ISO_8859_1);
        int rowsPerPage = (1 << 20) / (row.length + rowHeader.length);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (int page = 0; page < mib; page++) {
                out.write(pageStart);
                for (int r = 0; r < rowsPerPage; r++) {
                    out.write(rowHeader);
                    out.write(row);
                }
                out.write(pageEnd);
            }
            out.write("\u001bE".getBytes(StandardCharsets.ISO_8859_1));
        }
        return file;
    }
}
