package org.printgate.spooler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Test documents with a known number of distinct pages. */
final class Documents {
    private Documents() {}

    /** A PDF whose page N says "page N of name": every page hashes differently in the ledger. */
    static Path pdf(Path directory, String name, int pages) throws IOException {
        Path file = directory.resolve(name + ".pdf");
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int i = 1; i <= pages; i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 24);
                    content.newLineAtOffset(72, 700);
                    content.showText("page " + i + " of " + name);
                    content.endText();
                }
            }
            document.save(file.toFile());
        }
        return file;
    }

    /** A DSC-conforming PostScript document of {@code pages} pages. */
    static Path postScript(Path directory, String name, int pages) throws IOException {
        StringBuilder ps = new StringBuilder("%!PS-Adobe-3.0\n%%Pages: " + pages + "\n%%EndComments\n"
                + "%%BeginProlog\n/Helvetica findfont 24 scalefont setfont\n%%EndProlog\n");
        for (int i = 1; i <= pages; i++) {
            ps.append("%%Page: ").append(i).append(' ').append(i).append('\n')
                    .append("72 700 moveto (page ").append(i).append(" of ").append(name).append(") show showpage\n");
        }
        ps.append("%%Trailer\n%%EOF\n");
        Path file = directory.resolve(name + ".ps");
        Files.writeString(file, ps, StandardCharsets.US_ASCII);
        return file;
    }
}
