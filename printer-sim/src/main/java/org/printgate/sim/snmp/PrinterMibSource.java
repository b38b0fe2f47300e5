package org.printgate.sim.snmp;

import java.util.List;

/**
 * What the SNMP agent reads of one simulated printer: the Host Resources MIB (RFC 2790) and
 * Printer MIB (RFC 3805) values, derived from the printer's hardware state. Every method is
 * called at request time, so an answer always reflects the state at that moment.
 */
public interface PrinterMibSource {

    /** sysDescr.0: make, model and firmware. */
    String sysDescr();

    /** sysName.0. */
    String sysName();

    /** sysLocation.0. */
    String sysLocation();

    /** sysUpTime.0 in hundredths of a second. */
    long sysUpTimeCentis();

    /** hrDeviceDescr.1. */
    String deviceDescr();

    /** ppmPrinterIEEE1284DeviceId.1.1, e.g. "MFG:Printgate;MDL:Sim;CMD:PDF,PWG;". */
    String ieee1284DeviceId();

    /** hrDeviceStatus.1: unknown(1) running(2) warning(3) testing(4) down(5). */
    int hrDeviceStatus();

    /** hrPrinterStatus.1: other(1) unknown(2) idle(3) printing(4) warmup(5). */
    int hrPrinterStatus();

    /**
     * hrPrinterDetectedErrorState.1: two octets, bit 0 is the most significant bit of the first
     * octet (lowPaper 0, noPaper 1, lowToner 2, noToner 3, doorOpen 4, jammed 5, offline 6,
     * serviceRequested 7, inputTrayMissing 8, ... inputTrayEmpty 13).
     */
    byte[] hrPrinterDetectedErrorState();

    /** prtMarkerLifeCount.1.1: impressions printed in the printer's life. */
    long prtMarkerLifeCount();

    /** prtCoverStatus.1.1: other(1) coverOpen(3) coverClosed(4). */
    int prtCoverStatus();

    /** prtMarkerSuppliesTable rows, index 1.. in list order. */
    List<Supply> supplies();

    /** prtInputTable rows, index 1.. in list order. */
    List<InputTray> inputs();

    /** prtAlertTable rows (active alerts only). */
    List<Alert> alerts();

    /**
     * A marker supply (RFC 3805 prtMarkerSuppliesEntry).
     *
     * @param description prtMarkerSuppliesDescription, e.g. "Black Toner"
     * @param supplyClass prtMarkerSuppliesClass: other(1) supplyThatIsConsumed(3) receptacleThatIsFilled(4)
     * @param type prtMarkerSuppliesType: toner(3) ink(5) ...
     * @param unit prtMarkerSuppliesSupplyUnit: percent(19), impressions(7) ...
     * @param maxCapacity prtMarkerSuppliesMaxCapacity (-1 other, -2 unknown)
     * @param level prtMarkerSuppliesLevel (-1 other, -2 unknown, -3 some remaining)
     */
    record Supply(String description, int supplyClass, int type, int unit, int maxCapacity, int level) {}

    /**
     * An input tray (RFC 3805 prtInputEntry).
     *
     * @param name prtInputName, e.g. "Tray 1"
     * @param type prtInputType: sheetFeedAutoRemovableTray(3) ...
     * @param maxCapacity prtInputMaxCapacity in sheets
     * @param currentLevel prtInputCurrentLevel in sheets (0 = empty)
     * @param mediaName prtInputMediaName, e.g. "iso_a4_210x297mm"
     */
    record InputTray(String name, int type, int maxCapacity, int currentLevel, String mediaName) {}

    /**
     * An active alert (RFC 3805 prtAlertEntry).
     *
     * @param index prtAlertIndex, stable while the alert is active
     * @param severityLevel prtAlertSeverityLevel: other(1) critical(3) warning(4) warningBinaryChangeEvent(5)
     * @param group prtAlertGroup: input(8) marker(10) markerSupplies(11) cover(6) generalPrinter(5) ...
     * @param groupIndex prtAlertGroupIndex (row in that group's table, or -1)
     * @param location prtAlertLocation (or -2 unknown)
     * @param code prtAlertCode: jam(8) inputMediaSupplyEmpty(808)? see RFC 3805 PrtAlertCodeTC
     * @param description prtAlertDescription
     * @param timeCentis prtAlertTime: sysUpTime when raised
     */
    record Alert(int index, int severityLevel, int group, int groupIndex, int location, int code,
                 String description, long timeCentis) {}
}
