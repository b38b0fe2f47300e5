package org.printgate.sim.ipp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the size out of a PWG 5101.1 self-describing media name, e.g. {@code iso_a4_210x297mm}. */
final class MediaSizes {
    private static final Pattern SIZE = Pattern.compile("_([0-9.]+)x([0-9.]+)(mm|in)$");

    private MediaSizes() {}

    /** {x-dimension, y-dimension} in hundredths of millimetres, as media-size wants them. */
    static int[] hundredthsOfMm(String pwgName) {
        Matcher m = SIZE.matcher(pwgName);
        if (!m.find()) {
            throw new IllegalArgumentException("not a PWG self-describing media name: " + pwgName);
        }
        double scale = m.group(3).equals("in") ? 2540 : 100;
        return new int[] {
                (int) Math.round(Double.parseDouble(m.group(1)) * scale),
                (int) Math.round(Double.parseDouble(m.group(2)) * scale)};
    }
}
