package org.printgate.formats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.printgate.formats.internal.JpegSplitter;
import org.printgate.formats.internal.PclSplitter;
import org.printgate.formats.internal.PdfSplitter;
import org.printgate.formats.internal.PlainTextSplitter;
import org.printgate.formats.internal.PostScriptSplitter;
import org.printgate.formats.internal.PwgRasterSplitter;
import org.printgate.formats.internal.SniffingSplitter;
import org.printgate.formats.internal.UrfRasterSplitter;

/**
 * The page splitter for each supported {@code document-format}. Each format's page rules are in its
 * splitter's class comment:
 * <ul>
 *   <li>{@code image/pwg-raster}: {@link PwgRasterSplitter}
 *   <li>{@code image/urf}: {@link UrfRasterSplitter}
 *   <li>{@code application/pdf}: {@link PdfSplitter}
 *   <li>{@code application/postscript}: {@link PostScriptSplitter}
 *   <li>{@code application/vnd.hp-pcl}: {@link PclSplitter}
 *   <li>{@code text/plain}: {@link PlainTextSplitter}
 *   <li>{@code image/jpeg}: {@link JpegSplitter}
 *   <li>{@code application/octet-stream}: {@link SniffingSplitter}
 * </ul>
 */
public final class PageSplitters {

    private static final Map<String, PageSplitter> SPLITTERS = splitters();

    private PageSplitters() {
    }

    /**
     * The splitter for {@code documentFormat}, matched without regard to case or media type
     * parameters ({@code "text/plain; charset=utf-8"} is {@code text/plain}).
     *
     * @throws IllegalArgumentException for a format not in {@link #supportedFormats()}: the IPP
     *     layer should have answered client-error-document-format-not-supported before
     */
    public static PageSplitter forFormat(String documentFormat) {
        PageSplitter splitter = SPLITTERS.get(mediaType(documentFormat));
        if (splitter == null) {
            throw new IllegalArgumentException("no page splitter for document-format " + documentFormat
                    + "; supported: " + supportedFormats());
        }
        return splitter;
    }

    /** The formats {@link #forFormat} accepts, in a stable order. */
    public static Set<String> supportedFormats() {
        return Collections.unmodifiableSet(SPLITTERS.keySet());
    }

    private static String mediaType(String documentFormat) {
        int parameters = documentFormat.indexOf(';');
        String type = parameters < 0 ? documentFormat : documentFormat.substring(0, parameters);
        return type.trim().toLowerCase(Locale.ROOT);
    }

    private static Map<String, PageSplitter> splitters() {
        Map<String, PageSplitter> splitters = new LinkedHashMap<>();
        splitters.put(DocumentFormats.PDF, new PdfSplitter());
        splitters.put(DocumentFormats.PWG_RASTER, new PwgRasterSplitter());
        splitters.put(DocumentFormats.URF, new UrfRasterSplitter());
        splitters.put(DocumentFormats.JPEG, new JpegSplitter());
        splitters.put(DocumentFormats.POSTSCRIPT, new PostScriptSplitter());
        splitters.put(DocumentFormats.PCL, new PclSplitter());
        splitters.put(DocumentFormats.TEXT, new PlainTextSplitter());
        // The sniffer delegates to the map's own entries, looked up when it runs.
        splitters.put(DocumentFormats.OCTET_STREAM, new SniffingSplitter(PageSplitters::forFormat));
        return splitters;
    }
}
