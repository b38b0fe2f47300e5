package org.printgate.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Splits what a real renderer produces: Ghostscript's PWG raster and ps2pdf's PDF of a three-page
 * PostScript document. Ghostscript must be installed; without it these tests fail, they do not
 * skip.
 */
class GhostscriptInteropTest {

    private static final String THREE_PAGES = "%!PS-Adobe-3.0\n%%Pages: 3\n%%EndComments\n"
            + "%%BeginProlog\n/F { /Helvetica findfont 36 scalefont setfont } def\n%%EndProlog\n"
            + "%%Page: 1 1\nF 72 600 moveto (Page one) show showpage\n"
            + "%%Page: 2 2\nF 72 500 moveto (Page two) show 72 72 moveto 500 700 lineto stroke showpage\n"
            + "%%Page: 3 3\nF 72 400 moveto (Page three) show showpage\n"
            + "%%Trailer\n%%EOF\n";

    @TempDir
    Path directory;

    @Test
    void splitsGhostscriptsBilevelAndColorPwgRasterIntoThreePages() throws Exception {
        Path postscript = write("three.ps", THREE_PAGES);
        Path bilevel = directory.resolve("three-bilevel.pwg");
        Path color = directory.resolve("three-srgb.pwg");

        run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pwgraster", "-r100",
                "-sOutputFile=" + bilevel, postscript.toString());
        run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pwgraster", "-r100",
                "-dcupsColorSpace=19", "-dcupsBitsPerColor=8", "-sOutputFile=" + color, postscript.toString());

        for (Path raster : List.of(bilevel, color)) {
            byte[] document = Files.readAllBytes(raster);
            List<Page> pages = split(DocumentFormats.PWG_RASTER, raster);
            assertThat(pages).as(raster.getFileName().toString()).hasSize(3);
            assertThat(pages.get(2).offset() + pages.get(2).length()).isEqualTo(document.length);
            PageCuts.assertCuttable(document, pages);
            assertThat(pages).extracting(Page::sha256).doesNotHaveDuplicates();
            assertThat(split(DocumentFormats.OCTET_STREAM, raster)).isEqualTo(pages);
        }
    }

    @Test
    void splitsPs2pdfsPdfAndTheSourcePostScriptIntoThreePages() throws Exception {
        Path postscript = write("three.ps", THREE_PAGES);
        Path pdf = directory.resolve("three.pdf");

        run("ps2pdf", postscript.toString(), pdf.toString());

        assertThat(split(DocumentFormats.PDF, pdf)).hasSize(3).extracting(Page::sha256).doesNotHaveDuplicates();
        assertThat(split(DocumentFormats.OCTET_STREAM, pdf)).hasSize(3);
        assertThat(split(DocumentFormats.POSTSCRIPT, postscript)).hasSize(3);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content, StandardCharsets.US_ASCII);
    }

    private static List<Page> split(String format, Path file) throws IOException {
        RecordingSink sink = new RecordingSink();
        try (InputStream in = Files.newInputStream(file)) {
            PageSplitters.forFormat(format).split(in, sink);
        }
        return sink.pages;
    }

    private void run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(command[0] + " is needed by this test (install ghostscript)", e);
        }
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        assertThat(process.exitValue()).as("%s exit status; output:%n%s", String.join(" ", command),
                new String(output, StandardCharsets.UTF_8)).isZero();
    }
}
