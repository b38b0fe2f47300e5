package org.printgate.formats;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.printgate.formats.internal.DocumentSniffer;
import org.printgate.testing.RasterEncoder;

class SniffingSplitterTest {

    private static final String UEL = "\u001b%-12345X";
    private static final String POSTSCRIPT = "%!PS-Adobe-3.0\n%%Page: 1 1\nshowpage\n%%Page: 2 2\nshowpage\n%%EOF\n";

    @Test
    void recognisesEachFormatByItsFirstBytes() throws IOException {
        assertThat(sniff(PdfSplitterTest.pdf("x"))).isEqualTo(DocumentFormats.PDF);
        assertThat(sniff(bytes(POSTSCRIPT))).isEqualTo(DocumentFormats.POSTSCRIPT);
        assertThat(sniff(RasterEncoder.pwgDocument(1, 8, 8, 8))).isEqualTo(DocumentFormats.PWG_RASTER);
        assertThat(sniff(RasterEncoder.urfDocument(1, 1, 8, 8, 24))).isEqualTo(DocumentFormats.URF);
        assertThat(sniff(JpegSplitterTest.jpeg())).isEqualTo(DocumentFormats.JPEG);
        assertThat(sniff(bytes("\u001bE\u001b&l0Otext\f"))).isEqualTo(DocumentFormats.PCL);
        assertThat(sniff(bytes(UEL + "@PJL JOB\r\n@PJL ENTER LANGUAGE=PCL\r\n\u001bE"))).isEqualTo(DocumentFormats.PCL);
        assertThat(sniff(bytes("@PJL SET COPIES=1\n"))).isEqualTo(DocumentFormats.PCL);
        assertThat(sniff(bytes("Dear printer,\f"))).isEqualTo(DocumentFormats.TEXT);
        assertThat(sniff(new byte[0])).isEqualTo(DocumentFormats.TEXT);
    }

    @Test
    void looksInsideAPjlWrapperForPostScriptAndPdf() throws IOException {
        String pjl = UEL + "@PJL JOB NAME=\"x\"\r\n@PJL SET RESOLUTION=600\r\n@PJL ENTER LANGUAGE=";

        assertThat(sniff(bytes(pjl + "POSTSCRIPT\r\n" + POSTSCRIPT))).isEqualTo(DocumentFormats.POSTSCRIPT);
        assertThat(sniff(concat(bytes(pjl + "PDF\r\n"), PdfSplitterTest.pdf("x")))).isEqualTo(DocumentFormats.PDF);
    }

    @Test
    void splitsASniffedDocumentExactlyAsItsDeclaredFormatWouldWithTheSameOffsets() throws IOException {
        List<byte[]> documents = List.of(RasterEncoder.pwgDocument(3, 50, 40, 24), bytes(POSTSCRIPT),
                bytes("\u001bEone\ftwo\f\u001bE"), RasterEncoder.urfDocument(2, 2, 30, 30, 8), bytes("a\fb"));
        List<String> formats = List.of(DocumentFormats.PWG_RASTER, DocumentFormats.POSTSCRIPT, DocumentFormats.PCL,
                DocumentFormats.URF, DocumentFormats.TEXT);
        for (int i = 0; i < documents.size(); i++) {
            RecordingSink declared = new RecordingSink();
            RecordingSink sniffed = new RecordingSink();

            PageSplitters.forFormat(formats.get(i)).split(new ByteArrayInputStream(documents.get(i)), declared);
            PageSplitters.forFormat(DocumentFormats.OCTET_STREAM).split(new ByteArrayInputStream(documents.get(i)), sniffed);

            assertThat(sniffed.pages).as(formats.get(i)).isNotEmpty().isEqualTo(declared.pages);
        }
    }

    @Test
    void splitsPjlWrappedPostScriptByItsPageComments() throws IOException {
        byte[] job = bytes(UEL + "@PJL ENTER LANGUAGE=POSTSCRIPT\r\n" + POSTSCRIPT + UEL + "@PJL EOJ\r\n" + UEL);
        RecordingSink sink = new RecordingSink();

        assertThat(PageSplitters.forFormat(DocumentFormats.OCTET_STREAM).split(new ByteArrayInputStream(job), sink))
                .isEqualTo(2);
        PageCuts.assertCuttable(job, sink.pages);
    }

    private static String sniff(byte[] document) {
        return DocumentSniffer.formatOf(document, Math.min(document.length, DocumentSniffer.PJL_HEADER_SIZE));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(ISO_8859_1);
    }
}
