package org.printgate.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PageSplittersTest {

    @Test
    void supportsTheIppEverywhereFormatsAndTheLegacyOnes() {
        assertThat(PageSplitters.supportedFormats()).containsExactlyInAnyOrder(
                "application/pdf", "image/pwg-raster", "image/urf", "image/jpeg", "application/postscript",
                "application/vnd.hp-pcl", "text/plain", "application/octet-stream");
        for (String format : PageSplitters.supportedFormats()) {
            assertThat(PageSplitters.forFormat(format)).as(format).isNotNull();
        }
    }

    @Test
    void matchesFormatsIgnoringCaseAndParameters() {
        assertThat(PageSplitters.forFormat("Image/PWG-Raster")).isSameAs(PageSplitters.forFormat("image/pwg-raster"));
        assertThat(PageSplitters.forFormat("text/plain; charset=utf-8")).isSameAs(PageSplitters.forFormat("text/plain"));
    }

    @Test
    void refusesAFormatItCannotSplit() {
        assertThatThrownBy(() -> PageSplitters.forFormat("image/tiff"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image/tiff");
    }

    @Test
    void theSupportedFormatsCannotBeChangedByCallers() {
        assertThatThrownBy(() -> PageSplitters.supportedFormats().add("image/tiff"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
