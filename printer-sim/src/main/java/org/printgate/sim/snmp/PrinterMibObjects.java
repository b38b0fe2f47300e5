package org.printgate.sim.snmp;

import static org.printgate.sim.snmp.PrinterMib.COVER_INDEX;
import static org.printgate.sim.snmp.PrinterMib.MARKER_INDEX;
import static org.printgate.sim.snmp.PrinterMib.PPM_PRINTER_INDEX;
import static org.printgate.sim.snmp.PrinterMib.PRINTER_DEVICE_INDEX;
import static org.printgate.sim.snmp.PrinterMib.instance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import org.printgate.sim.snmp.LiveTable.Column;
import org.printgate.sim.snmp.PrinterMibSource.Alert;
import org.printgate.sim.snmp.PrinterMibSource.InputTray;
import org.printgate.sim.snmp.PrinterMibSource.Supply;
import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.MOServer;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;

/**
 * The managed objects of one simulated printer, every value read from its {@link PrinterMibSource}
 * at request time. Which objects, and their OIDs, are listed in {@link PrinterMib}.
 * <p>
 * Objects the source has no value for are left out rather than invented. The values not read
 * from the source are those fixed for a one-device, one-marker printer: hrDeviceIndex 1 and
 * hrDeviceType hrDevicePrinter; prtGeneralPrinterName, the printer's name in the simulator;
 * prtMarkerSuppliesMarkerIndex, its only marker; prtMarkerSuppliesColorantIndex 0, RFC 3805's
 * value when there is no colorant table (none is served) or the supply has no single colorant.
 */
final class PrinterMibObjects {

    private static final OID DEVICE_ROW = new OID(new int[] {PRINTER_DEVICE_INDEX});

    private PrinterMibObjects() {
    }

    /** Registers the objects of printer {@code printerName} in the default context of {@code server}. */
    static void register(MOServer server, String printerName, PrinterMibSource source) {
        for (ManagedObject<?> object : of(printerName, source)) {
            try {
                server.register(object, null);
            } catch (DuplicateRegistrationException e) {
                throw new IllegalStateException("Overlapping MIB objects for printer '" + printerName + "'", e);
            }
        }
    }

    private static List<ManagedObject<?>> of(String printerName, PrinterMibSource source) {
        return List.of(
                // system group, RFC 1213
                new LiveScalar<>(instance(PrinterMib.sysDescr, 0), () -> text(source.sysDescr())),
                new LiveScalar<>(instance(PrinterMib.sysUpTime, 0), () -> timeTicks(source.sysUpTimeCentis())),
                new LiveScalar<>(instance(PrinterMib.sysName, 0), () -> text(source.sysName())),
                new LiveScalar<>(instance(PrinterMib.sysLocation, 0), () -> text(source.sysLocation())),

                // hrDeviceTable and hrPrinterTable, RFC 2790: the printer is device 1
                singleRow(PrinterMib.hrDeviceEntry, DEVICE_ROW, source, List.of(
                        column(PrinterMib.hrDeviceIndex, SMIConstants.SYNTAX_INTEGER,
                                s -> new Integer32(PRINTER_DEVICE_INDEX)),
                        column(PrinterMib.hrDeviceType, SMIConstants.SYNTAX_OBJECT_IDENTIFIER,
                                s -> new OID(PrinterMib.hrDevicePrinter)),
                        column(PrinterMib.hrDeviceDescr, SMIConstants.SYNTAX_OCTET_STRING,
                                s -> text(s.deviceDescr())),
                        column(PrinterMib.hrDeviceStatus, SMIConstants.SYNTAX_INTEGER,
                                s -> new Integer32(s.hrDeviceStatus())))),
                singleRow(PrinterMib.hrPrinterEntry, DEVICE_ROW, source, List.of(
                        column(PrinterMib.hrPrinterStatus, SMIConstants.SYNTAX_INTEGER,
                                s -> new Integer32(s.hrPrinterStatus())),
                        column(PrinterMib.hrPrinterDetectedErrorState, SMIConstants.SYNTAX_OCTET_STRING,
                                s -> octets(s.hrPrinterDetectedErrorState())))),

                // Printer-MIB, RFC 3805
                singleRow(PrinterMib.prtGeneralEntry, DEVICE_ROW, source, List.of(
                        column(PrinterMib.prtGeneralPrinterName, SMIConstants.SYNTAX_OCTET_STRING,
                                s -> text(printerName)))),
                singleRow(PrinterMib.prtCoverEntry, deviceRow(COVER_INDEX), source, List.of(
                        column(PrinterMib.prtCoverStatus, SMIConstants.SYNTAX_INTEGER,
                                s -> new Integer32(s.prtCoverStatus())))),
                new LiveTable<InputTray>(PrinterMib.prtInputEntry, 2, source::inputs,
                        (tray, position) -> deviceRow(position), List.of(
                        column(PrinterMib.prtInputType, SMIConstants.SYNTAX_INTEGER,
                                tray -> new Integer32(tray.type())),
                        column(PrinterMib.prtInputMaxCapacity, SMIConstants.SYNTAX_INTEGER,
                                tray -> new Integer32(tray.maxCapacity())),
                        column(PrinterMib.prtInputCurrentLevel, SMIConstants.SYNTAX_INTEGER,
                                tray -> new Integer32(tray.currentLevel())),
                        column(PrinterMib.prtInputMediaName, SMIConstants.SYNTAX_OCTET_STRING,
                                tray -> text(tray.mediaName())),
                        column(PrinterMib.prtInputName, SMIConstants.SYNTAX_OCTET_STRING,
                                tray -> text(tray.name())))),
                singleRow(PrinterMib.prtMarkerEntry, deviceRow(MARKER_INDEX), source, List.of(
                        column(PrinterMib.prtMarkerLifeCount, SMIConstants.SYNTAX_COUNTER32,
                                s -> counter32(s.prtMarkerLifeCount())))),
                new LiveTable<Supply>(PrinterMib.prtMarkerSuppliesEntry, 2, source::supplies,
                        (supply, position) -> deviceRow(position), List.of(
                        column(PrinterMib.prtMarkerSuppliesMarkerIndex, SMIConstants.SYNTAX_INTEGER,
                                supply -> new Integer32(MARKER_INDEX)),
                        column(PrinterMib.prtMarkerSuppliesColorantIndex, SMIConstants.SYNTAX_INTEGER,
                                supply -> new Integer32(0)),
                        column(PrinterMib.prtMarkerSuppliesClass, SMIConstants.SYNTAX_INTEGER,
                                supply -> new Integer32(supply.supplyClass())),
                        column(PrinterMib.prtMarkerSuppliesType, SMIConstants.SYNTAX_INTEGER,
                                supply -> new Integer32(supply.type())),
                        column(PrinterMib.prtMarkerSuppliesDescription, SMIConstants.SYNTAX_OCTET_STRING,
                                supply -> text(supply.description())),
                        column(PrinterMib.prtMarkerSuppliesSupplyUnit, SMIConstants.SYNTAX_INTEGER,
                                supply -> new Integer32(supply.unit())),
                        column(PrinterMib.prtMarkerSuppliesMaxCapacity, SMIConstants.SYNTAX_INTEGER,
                                supply -> new Integer32(supply.maxCapacity())),
                        column(PrinterMib.prtMarkerSuppliesLevel, SMIConstants.SYNTAX_INTEGER,
                                supply -> new Integer32(supply.level())))),
                // An alert keeps its prtAlertIndex while active, so rows are indexed by it.
                new LiveTable<Alert>(PrinterMib.prtAlertEntry, 2, source::alerts,
                        (alert, position) -> deviceRow(alert.index()), List.of(
                        column(PrinterMib.prtAlertSeverityLevel, SMIConstants.SYNTAX_INTEGER,
                                alert -> new Integer32(alert.severityLevel())),
                        column(PrinterMib.prtAlertGroup, SMIConstants.SYNTAX_INTEGER,
                                alert -> new Integer32(alert.group())),
                        column(PrinterMib.prtAlertGroupIndex, SMIConstants.SYNTAX_INTEGER,
                                alert -> new Integer32(alert.groupIndex())),
                        column(PrinterMib.prtAlertLocation, SMIConstants.SYNTAX_INTEGER,
                                alert -> new Integer32(alert.location())),
                        column(PrinterMib.prtAlertCode, SMIConstants.SYNTAX_INTEGER,
                                alert -> new Integer32(alert.code())),
                        column(PrinterMib.prtAlertDescription, SMIConstants.SYNTAX_OCTET_STRING,
                                alert -> text(alert.description())),
                        column(PrinterMib.prtAlertTime, SMIConstants.SYNTAX_TIMETICKS,
                                alert -> timeTicks(alert.timeCentis())))),

                // ppmPrinterTable, PWG 5107.1
                singleRow(PrinterMib.ppmPrinterEntry, new OID(new int[] {PPM_PRINTER_INDEX}), source, List.of(
                        column(PrinterMib.ppmPrinterIEEE1284DeviceId, SMIConstants.SYNTAX_OCTET_STRING,
                                s -> text(s.ieee1284DeviceId())))));
    }

    /** A table of the printer itself: one row, at {@code index}, whose cells read the source. */
    private static LiveTable<PrinterMibSource> singleRow(OID entry, OID index, PrinterMibSource source,
                                                         List<Column<PrinterMibSource>> columns) {
        return new LiveTable<>(entry, index.size(), () -> List.of(source), (s, position) -> index, columns);
    }

    /** A column given by its full OID, which must lie directly under its table's entry. */
    private static <T> Column<T> column(OID columnOid, int syntax, Function<T, ? extends Variable> value) {
        return new Column<>(columnOid.last(), syntax, value);
    }

    /** Row index (hrDeviceIndex, {@code index}) used by every Printer-MIB table. */
    private static OID deviceRow(int index) {
        return new OID(new int[] {PRINTER_DEVICE_INDEX, index});
    }

    /** DisplayString / localized text as UTF-8 octets; a missing value is the empty string. */
    private static OctetString text(String value) {
        return value == null ? new OctetString() : new OctetString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static OctetString octets(byte[] value) {
        return value == null ? new OctetString() : new OctetString(value.clone());
    }

    /** TimeTicks is an unsigned 32-bit count of hundredths of seconds that wraps (RFC 2578 7.1.8). */
    private static TimeTicks timeTicks(long centis) {
        return new TimeTicks(centis & 0xFFFF_FFFFL);
    }

    /** Counter32 wraps at 2^32 (RFC 2578 7.1.6). */
    private static Counter32 counter32(long count) {
        return new Counter32(count & 0xFFFF_FFFFL);
    }
}
