package org.printgate.ipp.printer;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.printgate.ipp.HttpResource;

class PrinterIconsTest {
    private final PrinterIcons icons = new PrinterIcons("/icons/printer-", (g, unit) -> g.setColor(Color.RED));

    @Test
    void listsSmallNormalAndLargeAtTheAuthorityAsked() {
        assertThat(icons.uris("localhost:8631")).containsExactly(URI.create("http://localhost:8631/icons/printer-48.png"),
                URI.create("http://localhost:8631/icons/printer-128.png"),
                URI.create("http://localhost:8631/icons/printer-512.png"));
    }

    @Test
    void servesEachIconAsAPngOfItsSize() throws Exception {
        for (int size : PrinterIcons.SIZES) {
            HttpResource icon = icons.get("/icons/printer-" + size + ".png").orElseThrow();
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(icon.body()));
            assertThat(icon.contentType()).isEqualTo("image/png");
            assertThat(image.getWidth()).isEqualTo(size);
        }
        assertThat(icons.get("/icons/printer-64.png")).isEmpty();
    }
}
