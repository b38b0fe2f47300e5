package org.printgate.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class LargePwgRasterTest {

    private static final long MIB = 1024 * 1024;

    /** The splitter's buffer, digest and pages; holding the document would take 200 times that. */
    @Test
    void splitsTwoHundredMegabytesWhileAllocatingOnlyAFixedBuffer() throws IOException {
        GeneratedPwgRaster document = new GeneratedPwgRaster(10, 4000, 1800);
        assertThat(document.length()).isGreaterThan(200 * MIB);
        RecordingSink sink = new RecordingSink();
        PageSplitter splitter = PageSplitters.forFormat(DocumentFormats.PWG_RASTER);
        splitter.split(new GeneratedPwgRaster(1, 10, 10), new RecordingSink());   // loads the classes
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        int count = splitter.split(document, sink);
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;

        assertThat(count).isEqualTo(10);
        for (Page page : sink.pages) {
            assertThat(page.offset()).isEqualTo(4 + (page.number() - 1) * document.pageLength());
            assertThat(page.length()).isEqualTo(document.pageLength());
        }
        assertThat(sink.pages).extracting(Page::sha256).containsOnly(sink.pages.get(0).sha256());
        assertThat(allocated).as("bytes allocated while splitting %d bytes", document.length()).isLessThan(1 * MIB);
    }
}
