package org.printgate.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class JpegSplitterTest {

    private final PageSplitter splitter = PageSplitters.forFormat(DocumentFormats.JPEG);

    @Test
    void aJpegIsExactlyOnePageSpanningTheWholeStream() throws IOException {
        byte[] image = jpeg();
        RecordingSink sink = new RecordingSink();

        assertThat(splitter.split(new ByteArrayInputStream(image), sink)).isEqualTo(1);

        assertThat(sink.pages).containsExactly(new Page(1, 0, image.length, PageCuts.sha256(image)));
    }

    @Test
    void aJpegCutShortBeforeItsEndMarkerIsMalformed() throws IOException {
        byte[] image = jpeg();
        for (int length : new int[] {3, 40, image.length / 2, image.length - 1}) {
            RecordingSink sink = new RecordingSink();

            assertThatThrownBy(() -> splitter.split(new ByteArrayInputStream(Arrays.copyOf(image, length)), sink))
                    .as("cut at %d of %d", length, image.length).isInstanceOf(DocumentFormatException.class);
            assertThat(sink.pages).isEmpty();
        }
    }

    @Test
    void aStreamWithoutStartOfImageIsNotJpeg() {
        assertThatThrownBy(() -> splitter.split(new ByteArrayInputStream(new byte[] {'G', 'I', 'F', '8'}), new RecordingSink()))
                .isInstanceOf(DocumentFormatException.class).hasMessageContaining("SOI");
    }

    static byte[] jpeg() throws IOException {
        BufferedImage image = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, 160, 120);
        graphics.setColor(Color.BLUE);
        graphics.drawString("printgate", 20, 60);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }
}
