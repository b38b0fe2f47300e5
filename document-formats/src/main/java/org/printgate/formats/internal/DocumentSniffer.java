package org.printgate.formats.internal;

import java.nio.charset.StandardCharsets;
import org.printgate.formats.DocumentFormats;

/**
 * Recognises a document format from its first bytes: "%PDF" is PDF, "%!" PostScript, "RaS2" PWG
 * raster, "UNIRAST" Apple raster, 0xFF 0xD8 JPEG, and a PCL or PJL start ({@code ESC %},
 * {@code ESC E} or "@PJL") PCL; anything else is plain text.
 *
 * <p>Raw jobs from desktop drivers are often PostScript or PDF inside a PJL wrapper
 * ({@code ESC %-12345X@PJL ... @PJL ENTER LANGUAGE=POSTSCRIPT}). So for a PJL start the
 * UELs and {@code @PJL} lines are skipped, and the format is sniffed from what follows them; it is
 * PCL only if that is neither PostScript nor PDF.
 */
public final class DocumentSniffer {

    /** Bytes needed to tell the formats apart. */
    public static final int MAGIC_SIZE = 8;
    /** Bytes looked at for the language inside a PJL wrapper. */
    public static final int PJL_HEADER_SIZE = 4096;

    private static final byte[] UEL = "\u001b%-12345X".getBytes(StandardCharsets.ISO_8859_1);

    private DocumentSniffer() {
    }

    static boolean startsWithPjl(byte[] head, int length) {
        return startsWith(head, length, 0, "\u001b%") || startsWith(head, length, 0, "\u001bE")
                || startsWith(head, length, 0, "@PJL");
    }

    /** The MIME media type of a document that starts with {@code head[0..length)}. */
    public static String formatOf(byte[] head, int length) {
        if (startsWithPjl(head, length)) {
            String wrapped = formatAfterPjl(head, length);
            return wrapped != null ? wrapped : DocumentFormats.PCL;
        }
        if (startsWith(head, length, 0, "%PDF")) {
            return DocumentFormats.PDF;
        }
        if (startsWith(head, length, 0, "%!")) {
            return DocumentFormats.POSTSCRIPT;
        }
        if (startsWith(head, length, 0, "RaS2")) {
            return DocumentFormats.PWG_RASTER;
        }
        if (startsWith(head, length, 0, "UNIRAST")) {
            return DocumentFormats.URF;
        }
        if (length >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xD8) {
            return DocumentFormats.JPEG;
        }
        return DocumentFormats.TEXT;
    }

    /** PostScript or PDF after the UELs and PJL lines, or null. */
    private static String formatAfterPjl(byte[] head, int length) {
        int at = 0;
        while (at < length) {
            if (startsWith(head, length, at, UEL)) {
                at += UEL.length;
            } else if (startsWith(head, length, at, "@PJL")) {
                while (at < length && head[at] != '\n') {
                    at++;
                }
                at++;
            } else if (head[at] == '\r' || head[at] == '\n' || head[at] == ' ' || head[at] == '\t') {
                at++;
            } else {
                break;
            }
        }
        if (startsWith(head, length, at, "%PDF")) {
            return DocumentFormats.PDF;
        }
        if (startsWith(head, length, at, "%!")) {
            return DocumentFormats.POSTSCRIPT;
        }
        return null;
    }

    private static boolean startsWith(byte[] head, int length, int at, String prefix) {
        return startsWith(head, length, at, prefix.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static boolean startsWith(byte[] head, int length, int at, byte[] prefix) {
        if (at + prefix.length > length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (head[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
