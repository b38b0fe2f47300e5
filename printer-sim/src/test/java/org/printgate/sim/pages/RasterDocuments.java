package org.printgate.sim.pages;

/**
 * PWG raster documents for the tests of other packages (the system tests): a public door to
 * {@link RasterEncoder}, which stays package-private beside the splitter tests that own it.
 */
public final class RasterDocuments {

    private RasterDocuments() {
    }

    /**
     * A PWG raster document of {@code pages} 24-bit sRGB pages of {@code width} x {@code height}
     * pixels whose content differs from page to page, so every page has its own SHA-256.
     */
    public static byte[] pwg(int pages, int width, int height) {
        return RasterEncoder.pwgDocument(pages, width, height, 24);
    }
}
