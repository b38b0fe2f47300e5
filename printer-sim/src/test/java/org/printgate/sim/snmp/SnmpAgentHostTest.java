package org.printgate.sim.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.printgate.sim.snmp.PrinterMib.instance;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.printgate.sim.snmp.PrinterMibSource.InputTray;
import org.snmp4j.PDU;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/** The SNMP agents of simulated printers, queried with snmp4j's client over UDP on 127.0.0.1. */
class SnmpAgentHostTest {

    private static final long NO_ANSWER_TIMEOUT_MILLIS = 300;

    private final SnmpAgentHost host = new SnmpAgentHost();
    private final FakePrinter printer = new FakePrinter("office-1");
    private SnmpManager manager;
    private int port;

    @BeforeEach
    void startAgent() throws IOException {
        manager = new SnmpManager();
        port = host.add("office-1", 0, printer);
    }

    @AfterEach
    void stopAgent() throws IOException {
        host.close();
        manager.close();
    }

    @Test
    void answersEveryObjectWithTheValueOfItsSource() throws IOException {
        Map<OID, Variable> expected = new LinkedHashMap<>();
        expected.put(instance(PrinterMib.sysDescr, 0), new OctetString("Printgate Sim Laser 9000, firmware 1.2.3"));
        expected.put(instance(PrinterMib.sysUpTime, 0), new TimeTicks(123_456));
        expected.put(instance(PrinterMib.sysName, 0), new OctetString("office-1"));
        expected.put(instance(PrinterMib.sysLocation, 0), new OctetString("Floor 2, room 204"));
        expected.put(instance(PrinterMib.hrDeviceIndex, 1), new Integer32(1));
        expected.put(instance(PrinterMib.hrDeviceType, 1), new OID("1.3.6.1.2.1.25.3.1.5"));
        expected.put(instance(PrinterMib.hrDeviceDescr, 1), new OctetString("Printgate Sim Laser 9000"));
        expected.put(instance(PrinterMib.hrDeviceStatus, 1), new Integer32(2));
        expected.put(instance(PrinterMib.hrPrinterStatus, 1), new Integer32(3));
        expected.put(instance(PrinterMib.hrPrinterDetectedErrorState, 1), new OctetString(new byte[] {0, 0}));
        expected.put(instance(PrinterMib.prtGeneralPrinterName, 1), new OctetString("office-1"));
        expected.put(instance(PrinterMib.prtCoverStatus, 1, 1), new Integer32(4));
        expected.put(instance(PrinterMib.prtInputType, 1, 1), new Integer32(3));
        expected.put(instance(PrinterMib.prtInputMaxCapacity, 1, 2), new Integer32(500));
        expected.put(instance(PrinterMib.prtInputCurrentLevel, 1, 1), new Integer32(120));
        expected.put(instance(PrinterMib.prtInputCurrentLevel, 1, 2), new Integer32(0));
        expected.put(instance(PrinterMib.prtInputMediaName, 1, 1), new OctetString("iso_a4_210x297mm"));
        expected.put(instance(PrinterMib.prtInputName, 1, 2), new OctetString("Tray 2"));
        expected.put(instance(PrinterMib.prtMarkerLifeCount, 1, 1), new Counter32(4711));
        expected.put(instance(PrinterMib.prtMarkerSuppliesMarkerIndex, 1, 2), new Integer32(1));
        expected.put(instance(PrinterMib.prtMarkerSuppliesColorantIndex, 1, 2), new Integer32(0));
        expected.put(instance(PrinterMib.prtMarkerSuppliesClass, 1, 1), new Integer32(3));
        expected.put(instance(PrinterMib.prtMarkerSuppliesType, 1, 1), new Integer32(3));
        expected.put(instance(PrinterMib.prtMarkerSuppliesDescription, 1, 2), new OctetString("Cyan Toner"));
        expected.put(instance(PrinterMib.prtMarkerSuppliesSupplyUnit, 1, 1), new Integer32(19));
        expected.put(instance(PrinterMib.prtMarkerSuppliesMaxCapacity, 1, 1), new Integer32(100));
        expected.put(instance(PrinterMib.prtMarkerSuppliesLevel, 1, 1), new Integer32(80));
        expected.put(instance(PrinterMib.prtMarkerSuppliesLevel, 1, 2), new Integer32(4));
        expected.put(instance(PrinterMib.prtAlertSeverityLevel, 1, 3), new Integer32(4));
        expected.put(instance(PrinterMib.prtAlertGroup, 1, 3), new Integer32(11));
        expected.put(instance(PrinterMib.prtAlertGroupIndex, 1, 3), new Integer32(2));
        expected.put(instance(PrinterMib.prtAlertLocation, 1, 3), new Integer32(-2));
        expected.put(instance(PrinterMib.prtAlertCode, 1, 3), new Integer32(1104));
        expected.put(instance(PrinterMib.prtAlertDescription, 1, 3), new OctetString("Cyan toner low"));
        expected.put(instance(PrinterMib.prtAlertTime, 1, 3), new TimeTicks(100_000));
        expected.put(instance(PrinterMib.ppmPrinterIEEE1284DeviceId, 1),
                new OctetString("MFG:Printgate;MDL:Sim Laser 9000;CMD:PDF,PWG;"));

        PDU response = manager.get(port, expected.keySet().toArray(OID[]::new));

        assertThat(response.getErrorStatus()).isEqualTo(PDU.noError);
        assertThat(bindings(response)).containsExactlyEntriesOf(expected);
    }

    @Test
    void readsTheSourceAtRequestTimeSoAJamShowsAtOnce() throws IOException {
        OID errorState = instance(PrinterMib.hrPrinterDetectedErrorState, 1);
        OID printerStatus = instance(PrinterMib.hrPrinterStatus, 1);
        OID deviceStatus = instance(PrinterMib.hrDeviceStatus, 1);
        OID jamAlertCode = instance(PrinterMib.prtAlertCode, 1, 7);
        assertThat(bindings(manager.get(port, errorState, printerStatus, deviceStatus, jamAlertCode)))
                .containsExactly(
                        Map.entry(errorState, new OctetString(new byte[] {0, 0})),
                        Map.entry(printerStatus, new Integer32(3)),
                        Map.entry(deviceStatus, new Integer32(2)),
                        Map.entry(jamAlertCode, Null.noSuchInstance));

        printer.jam();
        printer.lifeCount = 4712;
        printer.sysUpTimeCentis = 123_999;

        assertThat(bindings(manager.get(port, errorState, printerStatus, deviceStatus, jamAlertCode)))
                .containsExactly(
                        Map.entry(errorState, new OctetString(new byte[] {0x04, 0x00})),
                        Map.entry(printerStatus, new Integer32(1)),
                        Map.entry(deviceStatus, new Integer32(5)),
                        Map.entry(jamAlertCode, new Integer32(8)));
        assertThat(manager.value(port, instance(PrinterMib.prtMarkerLifeCount, 1, 1))).isEqualTo(new Counter32(4712));
        assertThat(manager.value(port, instance(PrinterMib.sysUpTime, 0))).isEqualTo(new TimeTicks(123_999));

        printer.clearJam();

        assertThat(manager.value(port, errorState)).isEqualTo(new OctetString(new byte[] {0, 0}));
        assertThat(manager.value(port, jamAlertCode)).isEqualTo(Null.noSuchInstance);
    }

    @Test
    void walkOfPrinterMibReturnsTheCurrentSupplyInputAndAlertRows() throws IOException {
        List<VariableBinding> walk = manager.walk(port, PrinterMib.printmib);

        assertThat(oids(walk)).containsExactlyElementsOf(printerMibWalk(2, 2, List.of(3)));
        assertThat(values(walk)).containsEntry(instance(PrinterMib.prtMarkerSuppliesDescription, 1, 1),
                        new OctetString("Black Toner"))
                .containsEntry(instance(PrinterMib.prtMarkerSuppliesLevel, 1, 2), new Integer32(4))
                .containsEntry(instance(PrinterMib.prtInputName, 1, 1), new OctetString("Tray 1"))
                .containsEntry(instance(PrinterMib.prtAlertDescription, 1, 3), new OctetString("Cyan toner low"));

        // A tray is added, a supply removed, a jam raises a second alert.
        printer.inputs.add(new InputTray("Manual feed", 4, 1, 1, "iso_a4_210x297mm"));
        printer.supplies.remove(1);
        printer.jam();

        List<VariableBinding> walkAfterChange = manager.walk(port, PrinterMib.printmib);

        assertThat(oids(walkAfterChange)).containsExactlyElementsOf(printerMibWalk(3, 1, List.of(3, 7)));
        assertThat(values(walkAfterChange))
                .containsEntry(instance(PrinterMib.prtInputName, 1, 3), new OctetString("Manual feed"))
                .containsEntry(instance(PrinterMib.prtAlertDescription, 1, 7), new OctetString("Paper jam"));
    }

    @Test
    void getBulkReturnsNonRepeatersThenRepeatedSupplyLevelsInOrder() throws IOException {
        PDU response = manager.getBulk(port, 1, 3,
                PrinterMib.sysName, PrinterMib.prtMarkerSuppliesLevel);

        assertThat(response.getErrorStatus()).isEqualTo(PDU.noError);
        assertThat(bindings(response)).containsExactly(
                Map.entry(instance(PrinterMib.sysName, 0), new OctetString("office-1")),
                Map.entry(instance(PrinterMib.prtMarkerSuppliesLevel, 1, 1), new Integer32(80)),
                Map.entry(instance(PrinterMib.prtMarkerSuppliesLevel, 1, 2), new Integer32(4)),
                // past the last supply, the walk goes on into the next table
                Map.entry(instance(PrinterMib.prtAlertSeverityLevel, 1, 3), new Integer32(4)));

        PDU pastTheEnd = manager.getBulk(port, 0, 2, instance(PrinterMib.ppmPrinterIEEE1284DeviceId, 1));

        assertThat(pastTheEnd.getVariableBindings()).extracting(VariableBinding::getVariable)
                .containsOnly(Null.endOfMibView);
    }

    @Test
    void getBulkAskingForMoreThanFitsIsCutToOneMessage() throws IOException {
        List<VariableBinding> wholeMib = manager.walk(port, new OID("1.3.6"));

        PDU response = manager.getBulk(port, 0, 1_000, new OID("1.3.6"));

        assertThat(response.getErrorStatus()).isEqualTo(PDU.noError);
        assertThat(response.getBERLength()).isLessThanOrEqualTo(SnmpAgentHost.MAX_MESSAGE_SIZE);
        assertThat(response.size()).isBetween(wholeMib.size(), 999);
        List<VariableBinding> answered = new ArrayList<>(response.getVariableBindings());
        assertThat(answered.subList(0, wholeMib.size())).containsExactlyElementsOf(wholeMib);
        assertThat(answered.subList(wholeMib.size(), answered.size())).extracting(VariableBinding::getVariable)
                .containsOnly(Null.endOfMibView);
    }

    @Test
    void v2cAnswersNoSuchObjectNoSuchInstanceAndEndOfMibView() throws IOException {
        OID unknownObject = new OID("1.3.6.1.2.1.43.99.1.0");
        OID missingSupply = instance(PrinterMib.prtMarkerSuppliesLevel, 1, 9);

        PDU response = manager.get(port, unknownObject, missingSupply);

        assertThat(response.getErrorStatus()).isEqualTo(PDU.noError);
        assertThat(bindings(response)).containsExactly(
                Map.entry(unknownObject, Null.noSuchObject),
                Map.entry(missingSupply, Null.noSuchInstance));

        PDU afterLastObject = manager.send(port, "public", SnmpConstants.version2c, PDU.GETNEXT,
                SnmpManager.TIMEOUT_MILLIS, instance(PrinterMib.ppmPrinterIEEE1284DeviceId, 1));

        assertThat(afterLastObject.get(0).getVariable()).isEqualTo(Null.endOfMibView);
    }

    @Test
    void v1AnswersNoSuchNameForUnknownObjectsAndAtTheEndOfTheMib() throws IOException {
        PDU unknown = manager.send(port, "public", SnmpConstants.version1, PDU.GET, SnmpManager.TIMEOUT_MILLIS,
                instance(PrinterMib.sysName, 0), new OID("1.3.6.1.2.1.43.99.1.0"));

        assertThat(unknown.getErrorStatus()).isEqualTo(PDU.noSuchName);
        assertThat(unknown.getErrorIndex()).isEqualTo(2);

        PDU afterLastObject = manager.send(port, "public", SnmpConstants.version1, PDU.GETNEXT,
                SnmpManager.TIMEOUT_MILLIS, instance(PrinterMib.ppmPrinterIEEE1284DeviceId, 1));

        assertThat(afterLastObject.getErrorStatus()).isEqualTo(PDU.noSuchName);

        PDU known = manager.send(port, "public", SnmpConstants.version1, PDU.GET, SnmpManager.TIMEOUT_MILLIS,
                instance(PrinterMib.hrPrinterStatus, 1));

        assertThat(known.getErrorStatus()).isEqualTo(PDU.noError);
        assertThat(known.get(0).getVariable()).isEqualTo(new Integer32(3));
    }

    @Test
    void requestWithWrongCommunityGetsNoAnswer() throws IOException {
        PDU wrongCommunity = manager.send(port, "private", SnmpConstants.version2c, PDU.GET,
                NO_ANSWER_TIMEOUT_MILLIS, instance(PrinterMib.sysName, 0));

        assertThat(wrongCommunity).isNull();
        assertThat(manager.value(port, instance(PrinterMib.sysName, 0))).isEqualTo(new OctetString("office-1"));
    }

    @Test
    void printerWithItsOwnCommunityAnswersOnlyThatCommunity() throws IOException {
        int securePort = host.add("secure-1", 0, new FakePrinter("secure-1"), "s3cret");

        PDU withPublic = manager.send(securePort, "public", SnmpConstants.version2c, PDU.GET,
                NO_ANSWER_TIMEOUT_MILLIS, instance(PrinterMib.sysName, 0));
        PDU withOwn = manager.send(securePort, "s3cret", SnmpConstants.version1, PDU.GET,
                SnmpManager.TIMEOUT_MILLIS, instance(PrinterMib.sysName, 0));

        assertThat(withPublic).isNull();
        assertThat(withOwn).isNotNull();
        assertThat(withOwn.get(0).getVariable()).isEqualTo(new OctetString("secure-1"));
    }

    @Test
    void refusesSetBecauseTheCommunityIsReadOnly() throws IOException {
        PDU response = manager.set(port,
                new VariableBinding(instance(PrinterMib.sysName, 0), new OctetString("renamed")));

        assertThat(response.getErrorStatus()).isEqualTo(PDU.noAccess);
        assertThat(manager.value(port, instance(PrinterMib.sysName, 0))).isEqualTo(new OctetString("office-1"));
    }

    @Test
    void fiftyPrintersOnFiftyPortsEachAnswerWithTheirOwnSysName() throws IOException {
        Map<String, Integer> ports = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            String name = "printer-" + i;
            ports.put(name, host.add(name, 0, new FakePrinter(name)));
        }

        assertThat(ports.values()).doesNotHaveDuplicates().doesNotContain(port);
        for (Map.Entry<String, Integer> printerPort : ports.entrySet()) {
            assertThat(manager.value(printerPort.getValue(), instance(PrinterMib.sysName, 0)))
                    .as("sysName.0 of %s", printerPort.getKey())
                    .isEqualTo(new OctetString(printerPort.getKey()));
            assertThat(host.port(printerPort.getKey())).hasValue(printerPort.getValue());
        }
    }

    @Test
    void portInUseByAnotherSocketFailsNamingPrinterAndPort() throws IOException {
        try (DatagramSocket holder = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            int busyPort = holder.getLocalPort();

            assertThatThrownBy(() -> host.add("late-printer", busyPort, new FakePrinter("late-printer")))
                    .isInstanceOf(BindException.class)
                    .hasMessageContaining("'late-printer'")
                    .hasMessageContaining("127.0.0.1:" + busyPort);
        }
        assertThat(host.port("late-printer")).isEmpty();
    }

    @Test
    void portOfAnotherPrinterOfTheHostFailsNamingBothPrinters() throws IOException {
        int fixedPort = host.add("fixed-1", freeUdpPort(), new FakePrinter("fixed-1"));

        assertThatThrownBy(() -> host.add("fixed-2", fixedPort, new FakePrinter("fixed-2")))
                .isInstanceOf(BindException.class)
                .hasMessageContaining("'fixed-2'")
                .hasMessageContaining(":" + fixedPort)
                .hasMessageContaining("'fixed-1'");
        assertThat(manager.value(fixedPort, instance(PrinterMib.sysName, 0))).isEqualTo(new OctetString("fixed-1"));
    }

    @Test
    void removedPrinterStopsAnsweringAndItsNameCanBeUsedAgain() throws IOException {
        assertThat(host.remove("office-1")).isTrue();

        assertThat(manager.send(port, "public", SnmpConstants.version2c, PDU.GET, NO_ANSWER_TIMEOUT_MILLIS,
                instance(PrinterMib.sysName, 0))).isNull();
        assertThat(host.port("office-1")).isEmpty();
        assertThat(host.remove("office-1")).isFalse();

        int newPort = host.add("office-1", 0, new FakePrinter("office-1 again"));

        assertThat(manager.value(newPort, instance(PrinterMib.sysName, 0))).isEqualTo(new OctetString("office-1 again"));
    }

    @Test
    void failingSourceGivesGenErrAndThePrinterKeepsAnswering() throws IOException {
        printer.failure = new IllegalStateException("hardware model broken");

        PDU failed = manager.get(port, instance(PrinterMib.sysName, 0));

        assertThat(failed.getErrorStatus()).isEqualTo(PDU.genErr);

        printer.failure = null;

        assertThat(manager.value(port, instance(PrinterMib.sysName, 0))).isEqualTo(new OctetString("office-1"));
    }

    @Test
    void refusesASecondAgentForTheSamePrinterName() {
        assertThatThrownBy(() -> host.add("office-1", 0, new FakePrinter("office-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'office-1'");
    }

    @Test
    void closedHostRefusesNewPrinters() {
        host.close();

        assertThatThrownBy(() -> host.add("office-2", 0, new FakePrinter("office-2")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(host.port("office-1")).isEmpty();
    }

    /**
     * The OIDs a walk of printmib returns, in order: prtGeneralPrinterName, prtCoverStatus, the
     * input columns, prtMarkerLifeCount, the supplies columns, the alert columns, each column
     * row by row.
     */
    private static List<OID> printerMibWalk(int inputs, int supplies, List<Integer> alertIndexes) {
        List<OID> oids = new ArrayList<>();
        oids.add(instance(PrinterMib.prtGeneralPrinterName, 1));
        oids.add(instance(PrinterMib.prtCoverStatus, 1, 1));
        for (OID column : List.of(PrinterMib.prtInputType, PrinterMib.prtInputMaxCapacity,
                PrinterMib.prtInputCurrentLevel, PrinterMib.prtInputMediaName, PrinterMib.prtInputName)) {
            for (int row = 1; row <= inputs; row++) {
                oids.add(instance(column, 1, row));
            }
        }
        oids.add(instance(PrinterMib.prtMarkerLifeCount, 1, 1));
        for (int column = 2; column <= 9; column++) {
            for (int row = 1; row <= supplies; row++) {
                oids.add(instance(PrinterMib.prtMarkerSuppliesEntry, column, 1, row));
            }
        }
        for (OID column : List.of(PrinterMib.prtAlertSeverityLevel, PrinterMib.prtAlertGroup,
                PrinterMib.prtAlertGroupIndex, PrinterMib.prtAlertLocation, PrinterMib.prtAlertCode,
                PrinterMib.prtAlertDescription, PrinterMib.prtAlertTime)) {
            for (int alertIndex : alertIndexes) {
                oids.add(instance(column, 1, alertIndex));
            }
        }
        return oids;
    }

    private static Map<OID, Variable> bindings(PDU response) {
        return values(response.getVariableBindings());
    }

    private static Map<OID, Variable> values(List<? extends VariableBinding> bindings) {
        Map<OID, Variable> values = new LinkedHashMap<>();
        for (VariableBinding binding : bindings) {
            values.put(binding.getOid(), binding.getVariable());
        }
        return values;
    }

    private static List<OID> oids(List<VariableBinding> bindings) {
        return bindings.stream().map(VariableBinding::getOid).toList();
    }

    /** A UDP port free at this moment, for tests that need a fixed port. */
    private static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            return probe.getLocalPort();
        }
    }
}
