package org.printgate.ipp;

import com.hp.jipp.encoding.EnumType;
import com.hp.jipp.encoding.IntType;
import com.hp.jipp.encoding.KeywordType;
import com.hp.jipp.encoding.NameType;
import com.hp.jipp.encoding.StringType;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.encoding.UntypedEnum;
import com.hp.jipp.encoding.UriType;
import com.hp.jipp.model.Operation;

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

    // CUPS Implementation of IPP, CUPS-Get-Default and CUPS-Get-Printers: a server's default printer and its
    // printers, which lpstat, lp and print dialogs ask any server they are pointed at.
    public static final Operation cupsGetDefault = new Operation(0x4001, "CUPS-Get-Default");
    public static final Operation cupsGetPrinters = new Operation(0x4002, "CUPS-Get-Printers");
    public static final NameType firstPrinterName = new NameType("first-printer-name");
    // CUPS Implementation of IPP, printer-type (a bit field, cups_ptype_t in cups.h) and its filter mask.
    public static final EnumType<UntypedEnum> printerType = new EnumType<>("printer-type", UntypedEnum::new);
    public static final EnumType<UntypedEnum> printerTypeMask = new EnumType<>("printer-type-mask", UntypedEnum::new);

    // RFC 8011 §5.1.8 (charset): what every party must take, and all Printgate sends; §4.1.4.1.
    public static final String charsetUtf8 = "utf-8";
    public static final String charsetUsAscii = "us-ascii";

    // RFC 8011 §4.2.5.1 and PWG 5100.7 §6: requested-attributes group names jipp's RequestedAttribute lacks.
    public static final String jobStatus = "job-status";
    public static final String printerStatus = "printer-status";

    // Apple raster (URF) capabilities, as AirPrint and PWG 5100.14 §5.2 clients read them.
    public static final KeywordType.Set urfSupported = new KeywordType.Set("urf-supported");

    // The format a client should send when it can make several (PWG 5100.7-2019 §6.5.3); Windows'
    // IPP class driver and Mopria clients read it.
    public static final StringType documentFormatPreferred = new StringType(Tag.mimeMediaType, "document-format-preferred");
}
