package org.printgate.ipp;

import com.hp.jipp.encoding.IntType;
import com.hp.jipp.encoding.KeywordType;
import com.hp.jipp.encoding.NameType;
import com.hp.jipp.encoding.UriType;

/** IPP attributes jipp-core 0.7.16 lacks, each with the specification that defines it. */
public final class ExtraTypes {
    private ExtraTypes() {}

    // CUPS Implementation of IPP, "marker-*" printer status attributes (still read by CUPS and macOS).
    public static final NameType.Set markerColors = new NameType.Set("marker-colors");
    public static final IntType.Set markerHighLevels = new IntType.Set("marker-high-levels");
    public static final IntType.Set markerLevels = new IntType.Set("marker-levels");
    public static final IntType.Set markerLowLevels = new IntType.Set("marker-low-levels");
    public static final NameType.Set markerNames = new NameType.Set("marker-names");
    public static final KeywordType.Set markerTypes = new KeywordType.Set("marker-types");

    // CUPS Implementation of IPP, "device-uri": where a queue sends its jobs (operators only).
    public static final UriType deviceUri = new UriType("device-uri");

    // RFC 8011 §5.1.8 (charset): what every party must take, and all Printgate sends; §4.1.4.1.
    public static final String charsetUtf8 = "utf-8";
    public static final String charsetUsAscii = "us-ascii";

    // RFC 8011 §4.2.5.1 and PWG 5100.7 §6: requested-attributes group names jipp's RequestedAttribute lacks.
    public static final String jobStatus = "job-status";
    public static final String printerStatus = "printer-status";

    // Apple raster (URF) capabilities, as AirPrint and PWG 5100.14 §5.2 clients read them.
    public static final KeywordType.Set urfSupported = new KeywordType.Set("urf-supported");
}
