package org.printgate.spooler.local;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.printgate.ipp.HttpResource;

/**
 * The local printers' printer-icons (PWG 5100.13 §6.5.5, required by PWG 5100.14 §5.2): PNGs of
 * 48, 128 and 512 pixels — small, normal, large, in that order — drawn once and served by the
 * spooler itself, since the engine does not pass the real printer's icons on.
 */
final class LocalPrinterIcons {
    static final List<Integer> SIZES = List.of(48, 128, 512);
    private static final String PREFIX = "/icons/printer-";
    private static volatile byte[][] pngs;

    private LocalPrinterIcons() {}

    /** printer-icons of a printer reached at {@code authority}. */
    static List<URI> uris(String authority) {
        return SIZES.stream().map(size -> URI.create("http://" + authority + PREFIX + size + ".png")).toList();
    }

    /** The icon at {@code path}, if it names one. */
    static Optional<HttpResource> get(String path) {
        for (int i = 0; i < SIZES.size(); i++) {
            if (path.equals(PREFIX + SIZES.get(i) + ".png")) {
                return Optional.of(new HttpResource("image/png", drawn()[i]));
            }
        }
        return Optional.empty();
    }

    private static byte[][] drawn() {
        byte[][] drawn = pngs;
        if (drawn == null) {
            // Drawn on first use: a spooler nobody asks for icons never loads AWT.
            drawn = SIZES.stream().map(LocalPrinterIcons::draw).toArray(byte[][]::new);
            pngs = drawn;
        }
        return drawn;
    }

    private static byte[] draw(int size) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        float unit = size / 16f;
        // A printer (body, paper in and out) with a ticket's blue dot: a Printgate queue.
        g.setColor(new Color(0x37474F));
        g.fillRoundRect(Math.round(unit), Math.round(5 * unit), Math.round(14 * unit), Math.round(7 * unit),
                Math.round(2 * unit), Math.round(2 * unit));
        g.setColor(Color.WHITE);
        g.fillRect(Math.round(4 * unit), Math.round(unit), Math.round(8 * unit), Math.round(5 * unit));
        g.fillRect(Math.round(4 * unit), Math.round(10 * unit), Math.round(8 * unit), Math.round(5 * unit));
        g.setColor(new Color(0x1E88E5));
        g.fillOval(Math.round(12 * unit), Math.round(6.5f * unit), Math.round(1.5f * unit), Math.round(1.5f * unit));
        g.dispose();
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            javax.imageio.ImageIO.write(image, "png", png);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
