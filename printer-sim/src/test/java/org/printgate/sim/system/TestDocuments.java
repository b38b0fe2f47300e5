package org.printgate.sim.system;

import java.nio.charset.StandardCharsets;
import org.printgate.testing.RasterEncoder;
import org.printgate.testing.TestPdf;

/**
 * Documents the system tests print. Every page carries its document's label and its number, so
 * every page of every document has its own SHA-256 in the ledger. Their formats are named by
 * {@link org.printgate.formats.DocumentFormats}.
 */
final class TestDocuments {
    private TestDocuments() {
    }

    /** A PDF with "{label} page {n}" drawn on page n. */
    static byte[] pdf(String label, int pages) {
        return TestPdf.pages(label, pages);
    }

    /** DSC PostScript, one {@code %%Page:} section per page. */
    static byte[] postScript(String label, int pages) {
        return postScript(label, pages, 0);
    }

    /** DSC PostScript whose pages are padded with comment lines to at least {@code bytesPerPage}. */
    static byte[] postScript(String label, int pages, int bytesPerPage) {
        StringBuilder ps = new StringBuilder("%!PS-Adobe-3.0\n%%Pages: " + pages + "\n%%EndComments\n"
                + "/F { /Helvetica findfont 14 scalefont setfont } def\n%%EndProlog\n");
        for (int n = 1; n <= pages; n++) {
            int start = ps.length();
            ps.append("%%Page: ").append(n).append(' ').append(n).append('\n')
                    .append("F 72 760 moveto (").append(label).append(" page ").append(n).append(") show\n");
            while (ps.length() - start < bytesPerPage) {
                ps.append("% padding of ").append(label).append(" page ").append(n)
                        .append(" ........................................................\n");
            }
            ps.append("showpage\n");
        }
        ps.append("%%Trailer\n%%EOF\n");
        return ps.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** PCL 5: a reset, then each page's text ended by a form feed. */
    static byte[] pcl(String label, int pages) {
        StringBuilder pcl = new StringBuilder("\u001bE");
        for (int n = 1; n <= pages; n++) {
            pcl.append(label).append(" page ").append(n).append("\r\n\f");
        }
        pcl.append("\u001bE");
        return pcl.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Plain text, pages ended by form feeds. */
    static byte[] text(String label, int pages) {
        StringBuilder text = new StringBuilder();
        for (int n = 1; n <= pages; n++) {
            text.append(label).append(" page ").append(n).append('\n').append('\f');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** PWG raster of 24-bit pages whose pixels differ from page to page. */
    static byte[] pwgRaster(int pages, int width, int height) {
        return RasterEncoder.pwgDocument(pages, width, height, 24);
    }
}
