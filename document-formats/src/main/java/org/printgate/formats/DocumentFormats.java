package org.printgate.formats;

/**
 * The {@code document-format} values (RFC 8011 section 5.4.21, MIME media types) that the page
 * splitters handle. jipp has no constants for them.
 */
public final class DocumentFormats {

    /** PDF (ISO 32000), required by IPP Everywhere (PWG 5100.14). */
    public static final String PDF = "application/pdf";
    /** PWG Raster (PWG 5102.4), required by IPP Everywhere. */
    public static final String PWG_RASTER = "image/pwg-raster";
    /** Apple raster, as AirPrint printers accept it. */
    public static final String URF = "image/urf";
    /** JFIF/JPEG (ITU T.81), optional in IPP Everywhere. */
    public static final String JPEG = "image/jpeg";
    /** PostScript (PLRM 3rd ed.), with or without Adobe DSC 3.0 comments. */
    public static final String POSTSCRIPT = "application/postscript";
    /** HP PCL 5 / PCL 3. */
    public static final String PCL = "application/vnd.hp-pcl";
    /** Plain text, paged by form feeds. */
    public static final String TEXT = "text/plain";
    /** Unknown: the format is sniffed from the first bytes (RFC 8011 section 5.4.21). */
    public static final String OCTET_STREAM = "application/octet-stream";

    private DocumentFormats() {
    }
}
