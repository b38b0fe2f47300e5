package org.printgate.formats;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.printgate.testing.RasterEncoder;

/**
 * Splitters look ahead and step back across buffer refills (a {@code %%Page:} line or an escape
 * sequence split between two reads). A stream that yields one byte per read puts a refill between
 * every two bytes, and a long document puts boundaries across the splitter's own buffer.
 */
class TrickledInputTest {

    @Test
    void splitsIdenticallyWhenTheInputArrivesOneByteAtATime() throws IOException {
        for (Map.Entry<String, byte[]> fixture : fixtures().entrySet()) {
            PageSplitter splitter = PageSplitters.forFormat(fixture.getKey());
            RecordingSink whole = new RecordingSink();
            RecordingSink trickled = new RecordingSink();

            splitter.split(new ByteArrayInputStream(fixture.getValue()), whole);
            splitter.split(new OneByteReads(new ByteArrayInputStream(fixture.getValue())), trickled);

            assertThat(trickled.pages).as(fixture.getKey()).isNotEmpty().isEqualTo(whole.pages);
            PageCuts.assertCuttable(fixture.getValue(), whole.pages);
        }
    }

    @Test
    void boundariesAcrossTheSplittersBufferAreFound() throws IOException {
        StringBuilder postscript = new StringBuilder("%!PS-Adobe-3.0\n%%EndComments\n");
        StringBuilder pcl = new StringBuilder("\u001b%-12345X@PJL ENTER LANGUAGE=PCL\r\n\u001bE");
        for (int page = 1; page <= 3000; page++) {
            postscript.append("%%Page: ").append(page).append(' ').append(page).append("\r\n(")
                    .append("x".repeat(page % 97)).append(") show showpage\r\n");
            pcl.append("\u001b&l0O\u001b*b").append(page % 50).append('W').append("\f".repeat(page % 50))
                    .append("y".repeat(page % 89)).append('\f');
        }
        pcl.append("\u001bE\u001b%-12345X");
        for (Map.Entry<String, String> document : Map.of(DocumentFormats.POSTSCRIPT, postscript.toString(),
                DocumentFormats.PCL, pcl.toString()).entrySet()) {
            byte[] bytes = document.getValue().getBytes(ISO_8859_1);
            RecordingSink sink = new RecordingSink();

            assertThat(PageSplitters.forFormat(document.getKey()).split(new ByteArrayInputStream(bytes), sink))
                    .as(document.getKey()).isEqualTo(3000);
            PageCuts.assertCuttable(bytes, sink.pages);
        }
    }

    private static Map<String, byte[]> fixtures() {
        Map<String, byte[]> fixtures = new LinkedHashMap<>();
        fixtures.put(DocumentFormats.PWG_RASTER, RasterEncoder.pwgDocument(2, 40, 30, 24));
        fixtures.put(DocumentFormats.URF, RasterEncoder.urfDocument(2, 2, 40, 30, 24));
        fixtures.put(DocumentFormats.POSTSCRIPT, ("\u001b%-12345X@PJL\r\n%!PS-Adobe-3.0\r\n%%Page: 1 1\r\nshowpage\r\n"
                + "%%Page: 2 2\r%%BeginBinary: 3\r\n%%Pxshowpage\r%%Trailer\r\n").getBytes(ISO_8859_1));
        fixtures.put(DocumentFormats.PCL, ("\u001b%-12345X@PJL JOB\r\n@PJX\u001bEa\u001b*b3W\f\f\f\f"
                + "\u001b%-12345Yb\u001b\fc\u001bE\u001b%-12345X").getBytes(ISO_8859_1));
        fixtures.put(DocumentFormats.TEXT, "\n a\fb\f\f c \n".getBytes(ISO_8859_1));
        fixtures.put(DocumentFormats.OCTET_STREAM, "%!\nshowpage showpage".getBytes(ISO_8859_1));
        return fixtures;
    }

    /** Returns at most one byte per read, as a slow socket may. */
    private static final class OneByteReads extends FilterInputStream {

        OneByteReads(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            return super.read(into, offset, Math.min(length, 1));
        }
    }
}
