package org.printgate.ipp.printer;

import com.hp.jipp.encoding.IntOrIntRange;
import com.hp.jipp.encoding.KeywordOrName;
import com.hp.jipp.model.MediaCol;
import com.hp.jipp.model.MediaColDatabase;
import com.hp.jipp.model.MediaSizeSupported;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Media by name: the size a PWG 5101.1 self-describing media name ({@code iso_a4_210x297mm})
 * stands for, and the media-col, media-col-database entries and media-size-supported values
 * (PWG 5100.7 §6.3, PWG 5100.13 §6.5) of a printer whose media are named so.
 */
public final class MediaCollections {
    private static final Pattern SIZE = Pattern.compile("_([0-9.]+)x([0-9.]+)(mm|in)$");

    private MediaCollections() {}

    /**
     * {x-dimension, y-dimension} in hundredths of millimetres, as media-size wants them.
     *
     * @throws IllegalArgumentException when {@code pwgName} is not a self-describing name
     */
    public static int[] hundredthsOfMm(String pwgName) {
        Matcher m = SIZE.matcher(pwgName);
        if (!m.find()) {
            throw new IllegalArgumentException("not a PWG self-describing media name: " + pwgName);
        }
        double scale = m.group(3).equals("in") ? 2540 : 100;
        return new int[] {(int) Math.round(Double.parseDouble(m.group(1)) * scale),
                (int) Math.round(Double.parseDouble(m.group(2)) * scale)};
    }

    /** media-size-supported: the sizes of {@code pwgNames}, in order. */
    public static List<MediaSizeSupported> sizesSupported(List<String> pwgNames) {
        return pwgNames.stream().map(name -> {
            int[] size = hundredthsOfMm(name);
            return new MediaSizeSupported(new IntOrIntRange(size[0]), new IntOrIntRange(size[1]));
        }).toList();
    }

    /**
     * A media-col-database (or media-col-ready) entry: size, the same margin on every side, type
     * and, unless null, source.
     */
    public static MediaColDatabase databaseEntry(String pwgName, int margin, String type, String source) {
        int[] size = hundredthsOfMm(pwgName);
        MediaColDatabase col = new MediaColDatabase();
        col.setMediaSize(new MediaColDatabase.MediaSize(new IntOrIntRange(size[0]), new IntOrIntRange(size[1])));
        col.setMediaBottomMargin(margin);
        col.setMediaLeftMargin(margin);
        col.setMediaRightMargin(margin);
        col.setMediaTopMargin(margin);
        col.setMediaType(new KeywordOrName(type));
        if (source != null) {
            col.setMediaSource(new KeywordOrName(source));
        }
        return col;
    }

    /** A media-col (media-col-default): the members of the {@link #databaseEntry} of the same media. */
    public static MediaCol mediaCol(String pwgName, int margin, String type, String source) {
        MediaColDatabase entry = databaseEntry(pwgName, margin, type, source);
        MediaCol col = new MediaCol();
        col.setMediaSize(new MediaCol.MediaSize(entry.getMediaSize().getXDimension().getStart(),
                entry.getMediaSize().getYDimension().getStart()));
        col.setMediaBottomMargin(entry.getMediaBottomMargin());
        col.setMediaLeftMargin(entry.getMediaLeftMargin());
        col.setMediaRightMargin(entry.getMediaRightMargin());
        col.setMediaTopMargin(entry.getMediaTopMargin());
        col.setMediaSource(entry.getMediaSource());
        col.setMediaType(entry.getMediaType());
        return col;
    }
}
