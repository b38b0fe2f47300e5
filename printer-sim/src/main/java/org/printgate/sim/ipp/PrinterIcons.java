package org.printgate.sim.ipp;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The printer-icons (PWG 5100.13 §6.5.5): PNGs of 48, 128 and 512 pixels, drawn once, the same
 * for every simulated printer.
 */
final class PrinterIcons {
    static final List<Integer> SIZES = List.of(48, 128, 512);
    private static final byte[][] PNGS = SIZES.stream().map(PrinterIcons::draw).toArray(byte[][]::new);

    private PrinterIcons() {}

    /** The path each icon is served at, in printer-icons order (small, normal, large). */
    static String path(int size) {
        return "/icon-" + size + ".png";
    }

    static byte[] png(String path) {
        for (int i = 0; i < SIZES.size(); i++) {
            if (path(SIZES.get(i)).equals(path)) {
                return PNGS[i];
            }
        }
        return null;
    }

    private static byte[] draw(int size) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        float unit = size / 16f;
        // A printer: body, paper coming out on top, output slot.
        g.setColor(new Color(0x37474F));
        g.fillRoundRect(Math.round(unit), Math.round(5 * unit), Math.round(14 * unit), Math.round(7 * unit),
                Math.round(2 * unit), Math.round(2 * unit));
        g.setColor(Color.WHITE);
        g.fillRect(Math.round(4 * unit), Math.round(1 * unit), Math.round(8 * unit), Math.round(5 * unit));
        g.fillRect(Math.round(4 * unit), Math.round(10 * unit), Math.round(8 * unit), Math.round(5 * unit));
        g.setColor(new Color(0x90A4AE));
        g.setStroke(new BasicStroke(Math.max(1, unit / 2)));
        g.drawRect(Math.round(4 * unit), Math.round(10 * unit), Math.round(8 * unit), Math.round(5 * unit));
        g.setColor(new Color(0x66BB6A));
        g.fillOval(Math.round(12 * unit), Math.round(6.5f * unit), Math.round(1.5f * unit), Math.round(1.5f * unit));
        g.dispose();
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
