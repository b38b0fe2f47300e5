package org.printgate.ipp.printer;

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
import javax.imageio.ImageIO;
import org.printgate.ipp.HttpResource;

/**
 * A printer's printer-icons (PWG 5100.13 §6.5.5, required by PWG 5100.14 §5.2): PNGs of 48, 128
 * and 512 pixels (small, normal, large, in that order), drawn on first use and served by the
 * printer itself. Every icon shows a printer (body, paper in and out); a {@link Badge} tells one
 * program's printers from another's.
 */
public final class PrinterIcons {
    public static final List<Integer> SIZES = List.of(48, 128, 512);

    /** What is drawn over the printer, on a grid of 16 by 16 units. */
    @FunctionalInterface
    public interface Badge {
        void draw(Graphics2D g, float unit);
    }

    private final String pathPrefix;
    private final Badge badge;
    private volatile byte[][] pngs;

    /** Icons served at {@code pathPrefix + size + ".png"}. */
    public PrinterIcons(String pathPrefix, Badge badge) {
        this.pathPrefix = pathPrefix;
        this.badge = badge;
    }

    /** printer-icons of a printer reached at {@code authority}. */
    public List<URI> uris(String authority) {
        return SIZES.stream().map(size -> URI.create("http://" + authority + path(size))).toList();
    }

    /** The icon at {@code path}, if it names one. */
    public Optional<HttpResource> get(String path) {
        for (int i = 0; i < SIZES.size(); i++) {
            if (path.equals(path(SIZES.get(i)))) {
                return Optional.of(new HttpResource("image/png", drawn()[i]));
            }
        }
        return Optional.empty();
    }

    private String path(int size) {
        return pathPrefix + size + ".png";
    }

    private byte[][] drawn() {
        byte[][] drawn = pngs;
        if (drawn == null) {
            // Drawn on first use: a program nobody asks for icons never loads AWT.
            drawn = SIZES.stream().map(this::draw).toArray(byte[][]::new);
            pngs = drawn;
        }
        return drawn;
    }

    private byte[] draw(int size) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        float unit = size / 16f;
        // A printer: body, paper going in on top, paper coming out in front.
        g.setColor(new Color(0x37474F));
        g.fillRoundRect(Math.round(unit), Math.round(5 * unit), Math.round(14 * unit), Math.round(7 * unit),
                Math.round(2 * unit), Math.round(2 * unit));
        g.setColor(Color.WHITE);
        g.fillRect(Math.round(4 * unit), Math.round(unit), Math.round(8 * unit), Math.round(5 * unit));
        g.fillRect(Math.round(4 * unit), Math.round(10 * unit), Math.round(8 * unit), Math.round(5 * unit));
        badge.draw(g, unit);
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
