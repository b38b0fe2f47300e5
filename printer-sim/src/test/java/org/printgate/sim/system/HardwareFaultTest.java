package org.printgate.sim.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.formats.DocumentFormats;
import org.printgate.ipp.ExtraTypes;
import org.printgate.sim.ledger.LedgerEntry;
import org.printgate.testing.Await;

/**
 * Faults of the hardware (jam, paper, toner, power) stop the marking engine; IPP, SNMP and the
 * control API all report the same state, and clearing the fault lets the job finish with every
 * page exactly once.
 */
class HardwareFaultTest {
    private static final int STOPPED = 5;
    private static final int IDLE = 3;

    @RegisterExtension
    final RunningSimulator sim = new RunningSimulator();


    @Test
    void aJamAtPageThreeStopsThePrinterInIppAndSnmpAlikeUntilCleared() throws IOException {
        String name = "jams-at-page-3";
        sim.start(TestPrinter.named(name).faults("[{type: jam, at-page: 3}]"));
        IppPrinterClient ipp = sim.ipp(name);
        SnmpProbe snmp = sim.snmp(name);
        assertThat(snmp.errorStateFirstOctet() & SnmpProbe.JAMMED).as("no jam before printing").isZero();

        int jobId = ipp.print(DocumentFormats.PDF, TestDocuments.pdf("jam", 5));
        Await.until("the printer has stopped", () -> ipp.printerState() == STOPPED);

        assertThat(sim.pagesOf(name, jobId)).extracting(LedgerEntry::page).containsExactly(1, 2);
        assertThat(ipp.printerStateReasons()).contains("media-jam");
        IppPacket job = ipp.getJobAttributes(jobId);
        assertThat(job.getValue(Tag.jobAttributes, Types.jobState)).isEqualTo(JobState.processing);
        assertThat(job.getStrings(Tag.jobAttributes, Types.jobStateReasons)).contains("printer-stopped");
        assertThat(snmp.hrPrinterStatus()).isEqualTo(SnmpProbe.HR_PRINTER_STATUS_OTHER);
        assertThat(snmp.errorStateFirstOctet() & SnmpProbe.JAMMED).as("jammed bit").isNotZero();
        JsonNode described = sim.control().printer(name);
        assertThat(described.get("printer-state").asInt()).isEqualTo(STOPPED);
        assertThat(described.get("printer-state-reasons").toString()).contains("media-jam");

        sim.control().clear(name, "jam");

        assertResumesAndPrintsWhole(ipp, name, jobId, 5);
        Await.until("the printer is idle", () -> ipp.printerState() == IDLE);
        assertThat(ipp.printerStateReasons()).containsExactly("none");
        assertThat(snmp.errorStateFirstOctet() & SnmpProbe.JAMMED).as("jammed bit after clearing").isZero();
        assertThat(snmp.hrPrinterStatus()).isEqualTo(IDLE);
    }

    @Test
    void outOfPaperHoldsTheJobWithMediaEmptyUntilTheTraysAreRefilled() throws IOException {
        String name = "runs-out-of-paper";
        IppPrinterClient ipp = sim.startWithFault(name, "{\"type\": \"out-of-paper\"}");

        int jobId = ipp.print(DocumentFormats.POSTSCRIPT, TestDocuments.postScript("paper", 3));
        ipp.awaitJobState(jobId, JobState.processing);

        SnmpProbe snmp = sim.snmp(name);
        assertThat(ipp.printerState()).isEqualTo(STOPPED);
        assertThat(ipp.printerStateReasons()).contains("media-empty");
        assertThat(ipp.getJobAttributes(jobId).getStrings(Tag.jobAttributes, Types.jobStateReasons))
                .contains("printer-stopped");
        assertThat(snmp.errorStateFirstOctet() & SnmpProbe.NO_PAPER).as("noPaper bit").isNotZero();
        assertThat(snmp.hrPrinterStatus()).isEqualTo(SnmpProbe.HR_PRINTER_STATUS_OTHER);
        assertThat(sim.control().printer(name).get("tray-levels").get(0).asInt()).isZero();
        assertThat(sim.pagesOf(name, jobId)).isEmpty();

        sim.control().clear(name, "out-of-paper");

        assertResumesAndPrintsWhole(ipp, name, jobId, 3);
        assertThat(sim.control().printer(name).get("tray-levels").get(0).asInt())
                .as("refilled to capacity, less the job's sheets").isEqualTo(TestPrinter.TRAY_CAPACITY - 3);
        assertThat(ipp.printerStateReasons()).doesNotContain("media-empty");
        assertThat(snmp.errorStateFirstOctet() & SnmpProbe.NO_PAPER).as("noPaper bit after refilling").isZero();
    }

    @Test
    void tonerThatRunsOutAfterTwoPagesStopsTheJobUntilANewCartridge() throws IOException {
        String name = "toner-for-two-pages";
        IppPrinterClient ipp = sim.startWithFault(name, "{\"type\": \"toner-empty\", \"after-pages\": 2}");
        SnmpProbe snmp = sim.snmp(name);

        int jobId = ipp.print(DocumentFormats.POSTSCRIPT, TestDocuments.postScript("toner", 4));
        Await.until("the printer has stopped", () -> ipp.printerState() == STOPPED);

        assertThat(sim.pagesOf(name, jobId)).extracting(LedgerEntry::page).containsExactly(1, 2);
        assertThat(ipp.printerStateReasons()).contains("toner-empty");
        assertThat(ipp.getPrinterAttributes("marker-levels").getValues(Tag.printerAttributes, ExtraTypes.markerLevels))
                .containsExactly(0);
        assertThat(snmp.errorStateFirstOctet() & SnmpProbe.NO_TONER).as("noToner bit").isNotZero();
        assertThat(ipp.jobState(jobId)).isEqualTo(JobState.processing);

        sim.control().clear(name, "toner-empty");

        assertResumesAndPrintsWhole(ipp, name, jobId, 4);
        assertThat(ipp.printerStateReasons()).doesNotContain("toner-empty");
        assertThat(snmp.errorStateFirstOctet() & SnmpProbe.NO_TONER).as("noToner bit after replacing").isZero();
    }

    @Test
    void anOfflinePrinterRefusesIppAndRawConnectionsButStillAnswersSnmp() throws IOException {
        String name = "goes-offline";
        sim.start(TestPrinter.named(name));
        IppPrinterClient ipp = sim.ipp(name);
        SnmpProbe snmp = sim.snmp(name);
        int ippPort = sim.simulator().ippPort(sim.printer(name));
        int rawPort = sim.simulator().rawPort(sim.printer(name));
        // This client has talked to the printer before; it must not reach it any more either.
        assertThat(ipp.printerState()).isEqualTo(IDLE);

        sim.control().fault(name, "{\"type\": \"offline\"}");

        assertThatThrownBy(() -> connect(ippPort)).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> sim.raw(name).connect()).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> sim.ipp(name).getPrinterAttributes()).isInstanceOf(ConnectException.class);
        assertThatThrownBy(ipp::printerState).isInstanceOf(IOException.class);
        assertThat(snmp.errorStateFirstOctet() & SnmpProbe.OFFLINE).as("offline bit").isNotZero();
        assertThat(snmp.hrPrinterStatus()).isEqualTo(SnmpProbe.HR_PRINTER_STATUS_OTHER);
        assertThat(sim.control().printer(name).get("online").asBoolean()).isFalse();

        sim.control().clear(name, "offline");

        assertThat(sim.simulator().ippPort(sim.printer(name))).as("the same IPP port").isEqualTo(ippPort);
        assertThat(sim.simulator().rawPort(sim.printer(name))).as("the same raw port").isEqualTo(rawPort);
        assertThat(snmp.errorStateFirstOctet() & SnmpProbe.OFFLINE).as("offline bit when back").isZero();
        int ippJob = sim.ipp(name).print(DocumentFormats.PDF, TestDocuments.pdf("back online", 2));
        sim.raw(name).print(TestDocuments.postScript("back online", 2));
        ipp.awaitJobState(ippJob, JobState.completed);
        sim.assertPrintedWhole(name, ippJob, 2, "ipp");
        int rawJob = sim.pagesOf(name).stream().filter(page -> page.path().equals("raw")).findFirst()
                .orElseThrow(() -> new AssertionError("the raw job printed nothing")).jobId();
        sim.assertPrintedWhole(name, rawJob, 2, "raw");
    }

    @Test
    void aPrinterOfflineInItsProfileRefusesConnectionsFromTheStartOnPortsItAlreadyNames() throws IOException {
        String name = "offline-from-the-start";
        sim.start(TestPrinter.named(name).faults("[{type: offline}]"));
        int ippPort = sim.simulator().ippPort(sim.printer(name));
        int rawPort = sim.simulator().rawPort(sim.printer(name));
        assertThat(ippPort).as("the IPP port is known while offline").isPositive();

        assertThatThrownBy(() -> connect(ippPort)).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> connect(rawPort)).isInstanceOf(ConnectException.class);
        assertThat(sim.snmp(name).errorStateFirstOctet() & SnmpProbe.OFFLINE).as("offline bit").isNotZero();

        sim.control().clear(name, "offline");

        assertThat(sim.simulator().ippPort(sim.printer(name))).isEqualTo(ippPort);
        int jobId = sim.ipp(name).print(DocumentFormats.TEXT, TestDocuments.text("online at last", 1));
        sim.ipp(name).awaitJobState(jobId, JobState.completed);
        sim.raw(name).print(TestDocuments.text("raw at last", 1));
        assertThat(sim.pagesOf(name)).extracting(LedgerEntry::path).containsExactly("ipp", "raw");
    }

    /** After its fault was cleared the job goes on where it stopped and completes with all {@code pages}, once each. */
    private void assertResumesAndPrintsWhole(IppPrinterClient ipp, String name, int jobId, int pages) throws IOException {
        ipp.awaitJobState(jobId, JobState.completed);
        sim.assertPrintedWhole(name, jobId, pages, "ipp");
    }

    private void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(sim.simulator().host(), port), 5_000);
        }
    }
}
