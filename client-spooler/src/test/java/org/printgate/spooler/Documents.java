package org.printgate.spooler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.printgate.testing.TestPdf;

/** Test documents with a known number of distinct pages. */
final class Documents {
    private Documents() {}

    /** A PDF whose page N says "name page N": every page hashes differently in the ledger. */
    static Path pdf(Path directory, String name, int pages) throws IOException {
        return Files.write(directory.resolve(name + ".pdf"), TestPdf.pages(name, pages));
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
