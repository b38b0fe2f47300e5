package org.printgate.interop.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.printgate.testing.peers.ExternalCommand;
import org.printgate.testing.peers.PeerTools;

/** The documents ipptool's conformance files print exist, and are what their names say. */
class TestDocumentsTest {

    private static final Path IPPTOOL_DIR = Path.of("/usr/share/cups/ipptool");
    private static final Pattern FILE = Pattern.compile("^\\s*FILE\\s+\"?([^\"\\s]+)\"?\\s*$");
    private static final Pattern INCLUDE = Pattern.compile("^\\s*INCLUDE\\s+\"([^\"]+)\"\\s*$");

    @Test
    void generatesEveryFileIppEverywhereTestAndItsIncludesReference() throws IOException {
        PeerTools.require("ipptool");
        TestDocuments documents = TestDocuments.standard();
        Set<String> referenced = fileReferences("ipp-everywhere.test");

        // $filename is the document given with -f (its type becomes $filetype): one of ours.
        assertThat(referenced).contains("$filename", "document-a4.pdf", "color.jpg",
                "pwg-raster-samples-300dpi/srgb-8/document-letter-srgb-8-300dpi.pwg");
        referenced.remove("$filename");
        assertThat(TestDocuments.referencedFiles()).containsExactlyInAnyOrderElementsOf(referenced);
        for (String name : referenced) {
            assertThat(documents.dir().resolve(name)).as(name).isRegularFile().isNotEmptyFile();
        }
    }

    @Test
    void rastersAt300DpiAreRealPwgRastersOfTheirTypeAndPaperAndTheOthersAreNot() throws IOException {
        TestDocuments documents = TestDocuments.standard();
        assertThat(documents.rasterResolutions()).contains(300);

        for (var sample : TestDocuments.REFERENCED_RASTERS.entrySet()) {
            for (TestDocuments.RasterType type : sample.getValue()) {
                Path raster = documents.pwgRaster(sample.getKey(), type, 300);
                PwgPage first = PwgPage.read(raster);
                assertThat(first.xDpi).as(raster.toString()).isEqualTo(300);
                assertThat(first.bitsPerColor).as(raster.toString()).isEqualTo(type.bitsPerColor);
                assertThat(first.colorSpace).as(raster.toString()).isEqualTo(type.cupsColorSpace);
            }
        }
        PwgPage a4 = PwgPage.read(documents.pwgRaster("document-a4", TestDocuments.RasterType.SGRAY_8, 300));
        assertThat(a4.pageSizePoints).containsExactly(595, 842);
        assertThat(a4.width).isEqualTo(2479);
        assertThat(a4.pageSizeName).isEqualTo("iso_a4_210x297mm");
        PwgPage photo = PwgPage.read(documents.pwgRaster("color.jpg-4x6", TestDocuments.RasterType.SRGB_16, 300));
        assertThat(photo.pageSizePoints).containsExactly(288, 432);

        if (!documents.rasterResolutions().contains(150)) {
            assertThat(TestDocuments.isPwgRaster(
                    documents.pwgRaster("document-a4", TestDocuments.RasterType.SGRAY_8, 150))).isFalse();
        }
    }

    @Test
    void documentsHaveTheirPagesPaperAndPageNumbers() {
        TestDocuments documents = TestDocuments.standard();

        assertThat(pdfInfo(documents.file("document-a4.pdf")))
                .contains("Pages:           " + TestDocuments.DOCUMENT_PAGES).contains("595 x 842 pts");
        assertThat(pdfInfo(documents.file("document-letter.pdf"))).contains("612 x 792 pts");
        assertThat(pdfInfo(documents.file("onepage-letter.pdf"))).contains("Pages:           1");
        assertThat(documents.file("color.jpg")).isNotEmptyFile();
        assertThat(documents.file("gray.jpg")).isNotEmptyFile();
    }

    @Test
    void multiPagePdfHasTheAskedPagesEachSayingWhichItIs() {
        Path pdf = TestDocuments.standard().multiPagePdf(5);

        assertThat(pdfInfo(pdf)).contains("Pages:           5");
        String text = ExternalCommand.of(PeerTools.require("pdftotext").toString(), pdf.toString(), "-")
                .runSuccessfully().stdout();
        assertThat(text).contains("Page 1 of 5", "Page 3 of 5", "Page 5 of 5");
    }

    @Test
    void multiPagePostScriptIsDscConforming() throws IOException {
        Path ps = TestDocuments.standard().multiPagePostScript(3, TestDocuments.Paper.LETTER);
        String text = Files.readString(ps);

        assertThat(text).startsWith("%!PS-Adobe-3.0\n").contains("%%Pages: 3\n", "%%BoundingBox: 0 0 612 792\n")
                .contains("%%Page: 1 1\n", "%%Page: 2 2\n", "%%Page: 3 3\n").endsWith("%%EOF\n");
        assertThat(text.split("showpage", -1)).hasSize(4);
    }

    /** The FILE names of {@code testFile} and the files it INCLUDEs, as the test files spell them. */
    private static Set<String> fileReferences(String testFile) throws IOException {
        Set<String> files = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(java.util.List.of(testFile));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (!seen.add(name)) {
                continue;
            }
            for (String line : Files.readAllLines(IPPTOOL_DIR.resolve(name))) {
                Matcher file = FILE.matcher(line);
                Matcher include = INCLUDE.matcher(line);
                if (file.matches()) {
                    files.add(file.group(1));
                } else if (include.matches()) {
                    pending.push(include.group(1));
                }
            }
        }
        assertThat(seen).contains("ipp-1.1.test", "ipp-2.0.test");
        return files;
    }

    private static String pdfInfo(Path pdf) {
        return ExternalCommand.of(PeerTools.require("pdfinfo").toString(), pdf.toString()).runSuccessfully().stdout();
    }

    /** The first page header of a PWG raster file (PWG 5102.4 section 4.3). */
    private record PwgPage(int xDpi, int[] pageSizePoints, int width, int bitsPerColor, int colorSpace,
                           String pageSizeName) {

        static PwgPage read(Path file) throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] sync = in.readNBytes(4);
                assertThat(new String(sync, java.nio.charset.StandardCharsets.US_ASCII)).as(file.toString())
                        .isEqualTo("RaS2");
                ByteBuffer header = ByteBuffer.wrap(in.readNBytes(1796));
                String name = new String(header.array(), 1732, 64, java.nio.charset.StandardCharsets.US_ASCII)
                        .replace("\0", "");
                return new PwgPage(header.getInt(276), new int[] {header.getInt(352), header.getInt(356)},
                        header.getInt(372), header.getInt(384), header.getInt(400), name);
            }
        }
    }
}
