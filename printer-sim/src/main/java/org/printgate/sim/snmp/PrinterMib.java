package org.printgate.sim.snmp;

import org.snmp4j.smi.OID;

/**
 * The object identifiers a simulated printer answers, each named after its MIB object:
 * <ul>
 *   <li>system group of MIB-II, RFC 1213 section 6.4 (SNMPv2-MIB, RFC 3418): {@code sysDescr},
 *       {@code sysUpTime}, {@code sysName}, {@code sysLocation};</li>
 *   <li>HOST-RESOURCES-MIB, RFC 2790: {@code hrDeviceTable} (section 4, hrDevice group) with the
 *       printer as device {@value #PRINTER_DEVICE_INDEX} of type {@code hrDevicePrinter}, and
 *       {@code hrPrinterTable};</li>
 *   <li>Printer-MIB v2, RFC 3805: {@code prtGeneralTable}, {@code prtCoverTable},
 *       {@code prtInputTable}, {@code prtMarkerTable}, {@code prtMarkerSuppliesTable},
 *       {@code prtAlertTable};</li>
 *   <li>PWG Printer Port Monitor MIB (PWG 5107.1): {@code ppmPrinterIEEE1284DeviceId}.</li>
 * </ul>
 * Scalars and columns are given without instance: {@code sysName} is 1.3.6.1.2.1.1.5, its
 * instance {@code sysName.0}; a column such as {@code prtMarkerSuppliesLevel} is
 * 1.3.6.1.2.1.43.11.1.1.9, the level of the first supply {@code prtMarkerSuppliesLevel.1.1}
 * (hrDeviceIndex, prtMarkerSuppliesIndex). Build instances with {@link #instance}.
 * <p>
 * snmp4j's {@link OID} is mutable: never {@code append} to one of these constants; copy it first
 * ({@link #instance} does).
 */
public final class PrinterMib {

    /** The hrDeviceIndex of the printer in hrDeviceTable: the first index of every Printer-MIB row. */
    public static final int PRINTER_DEVICE_INDEX = 1;

    /** The prtMarkerIndex of the printer's only marker. */
    public static final int MARKER_INDEX = 1;

    /** The prtCoverIndex of the printer's only cover. */
    public static final int COVER_INDEX = 1;

    /** The ppmPrinterIndex of the printer in ppmPrinterTable. */
    public static final int PPM_PRINTER_INDEX = 1;

    // system group, RFC 1213 section 6.4 / RFC 3418
    public static final OID system = new OID("1.3.6.1.2.1.1");
    public static final OID sysDescr = new OID("1.3.6.1.2.1.1.1");
    public static final OID sysUpTime = new OID("1.3.6.1.2.1.1.3");
    public static final OID sysName = new OID("1.3.6.1.2.1.1.5");
    public static final OID sysLocation = new OID("1.3.6.1.2.1.1.6");

    // HOST-RESOURCES-MIB, RFC 2790: hrDeviceTypes, hrDeviceEntry, hrPrinterEntry
    public static final OID host = new OID("1.3.6.1.2.1.25");
    /** hrDeviceType value of a printer (hrDeviceTypes 5). */
    public static final OID hrDevicePrinter = new OID("1.3.6.1.2.1.25.3.1.5");
    public static final OID hrDeviceEntry = new OID("1.3.6.1.2.1.25.3.2.1");
    public static final OID hrDeviceIndex = new OID("1.3.6.1.2.1.25.3.2.1.1");
    public static final OID hrDeviceType = new OID("1.3.6.1.2.1.25.3.2.1.2");
    public static final OID hrDeviceDescr = new OID("1.3.6.1.2.1.25.3.2.1.3");
    public static final OID hrDeviceStatus = new OID("1.3.6.1.2.1.25.3.2.1.5");
    public static final OID hrPrinterEntry = new OID("1.3.6.1.2.1.25.3.5.1");
    public static final OID hrPrinterStatus = new OID("1.3.6.1.2.1.25.3.5.1.1");
    public static final OID hrPrinterDetectedErrorState = new OID("1.3.6.1.2.1.25.3.5.1.2");

    // Printer-MIB, RFC 3805
    public static final OID printmib = new OID("1.3.6.1.2.1.43");
    public static final OID prtGeneralEntry = new OID("1.3.6.1.2.1.43.5.1.1");
    public static final OID prtGeneralPrinterName = new OID("1.3.6.1.2.1.43.5.1.1.16");
    public static final OID prtCoverEntry = new OID("1.3.6.1.2.1.43.6.1.1");
    public static final OID prtCoverStatus = new OID("1.3.6.1.2.1.43.6.1.1.3");
    public static final OID prtInputEntry = new OID("1.3.6.1.2.1.43.8.2.1");
    public static final OID prtInputType = new OID("1.3.6.1.2.1.43.8.2.1.2");
    public static final OID prtInputMaxCapacity = new OID("1.3.6.1.2.1.43.8.2.1.9");
    public static final OID prtInputCurrentLevel = new OID("1.3.6.1.2.1.43.8.2.1.10");
    public static final OID prtInputMediaName = new OID("1.3.6.1.2.1.43.8.2.1.12");
    public static final OID prtInputName = new OID("1.3.6.1.2.1.43.8.2.1.13");
    public static final OID prtMarkerEntry = new OID("1.3.6.1.2.1.43.10.2.1");
    public static final OID prtMarkerLifeCount = new OID("1.3.6.1.2.1.43.10.2.1.4");
    public static final OID prtMarkerSuppliesEntry = new OID("1.3.6.1.2.1.43.11.1.1");
    public static final OID prtMarkerSuppliesMarkerIndex = new OID("1.3.6.1.2.1.43.11.1.1.2");
    public static final OID prtMarkerSuppliesColorantIndex = new OID("1.3.6.1.2.1.43.11.1.1.3");
    public static final OID prtMarkerSuppliesClass = new OID("1.3.6.1.2.1.43.11.1.1.4");
    public static final OID prtMarkerSuppliesType = new OID("1.3.6.1.2.1.43.11.1.1.5");
    public static final OID prtMarkerSuppliesDescription = new OID("1.3.6.1.2.1.43.11.1.1.6");
    public static final OID prtMarkerSuppliesSupplyUnit = new OID("1.3.6.1.2.1.43.11.1.1.7");
    public static final OID prtMarkerSuppliesMaxCapacity = new OID("1.3.6.1.2.1.43.11.1.1.8");
    public static final OID prtMarkerSuppliesLevel = new OID("1.3.6.1.2.1.43.11.1.1.9");
    public static final OID prtAlertEntry = new OID("1.3.6.1.2.1.43.18.1.1");
    public static final OID prtAlertSeverityLevel = new OID("1.3.6.1.2.1.43.18.1.1.2");
    public static final OID prtAlertGroup = new OID("1.3.6.1.2.1.43.18.1.1.4");
    public static final OID prtAlertGroupIndex = new OID("1.3.6.1.2.1.43.18.1.1.5");
    public static final OID prtAlertLocation = new OID("1.3.6.1.2.1.43.18.1.1.6");
    public static final OID prtAlertCode = new OID("1.3.6.1.2.1.43.18.1.1.7");
    public static final OID prtAlertDescription = new OID("1.3.6.1.2.1.43.18.1.1.8");
    public static final OID prtAlertTime = new OID("1.3.6.1.2.1.43.18.1.1.9");

    // PWG Printer Port Monitor MIB (PWG 5107.1): ppmPrinterEntry
    public static final OID ppmPrinterEntry = new OID("1.3.6.1.4.1.2699.1.2.1.2.1.1");
    public static final OID ppmPrinterIEEE1284DeviceId = new OID("1.3.6.1.4.1.2699.1.2.1.2.1.1.3");

    private PrinterMib() {
    }

    /** A new OID: {@code object} followed by {@code index}, e.g. {@code instance(sysName, 0)}. */
    public static OID instance(OID object, int... index) {
        OID oid = new OID(object);
        for (int subIdentifier : index) {
            oid.append(subIdentifier);
        }
        return oid;
    }
}
