package org.printgate.interop.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Types;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.interop.peers.RequestedAttributesSuites;
import org.printgate.interop.peers.TestDocuments;
import org.printgate.ipp.ExtraTypes;
import org.printgate.ipp.IppClient;
import org.printgate.spooler.spool.Phase;
import org.printgate.spooler.spool.SpoolJob;
import org.printgate.testing.peers.ExternalCommand;
import org.printgate.testing.peers.PeerTools;
import org.printgate.testing.peers.WorkDirectory;

/**
 * CUPS's own clients use the spooler as their server, with no cupsd: {@code lpstat -h} lists its
 * printers and its default (CUPS-Get-Printers, CUPS-Get-Default), and {@code lp -h -d} prints on
 * one, all the way to the simulated printer behind the engine's queue.
 */
class CupsClientsUseTheSpoolerTest {
    private static final Pattern REQUEST_ID = Pattern.compile("request id is (\\S+)-(\\d+)");
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final SpoolerStack stack = SpoolerStack.demoPrintersAtSpeed(40);

    /** The clients' home: no lpoptions or client.conf of the machine's user steers them. */
    private static Path home;

    @BeforeAll
    static void makeHome() {
        home = WorkDirectory.create("cups-client-home");
    }

    @AfterAll
    static void deleteHome() {
        WorkDirectory.delete(home);
    }

    private static ExternalCommand.Result client(String program, String... arguments) {
        List<String> command = new ArrayList<>(List.of(PeerTools.require(program).toString(),
                "-h", "127.0.0.1:" + stack.spooler().port()));
        command.addAll(List.of(arguments));
        return ExternalCommand.of(command).in(home).env("HOME", home.toString()).timeout(CLIENT_TIMEOUT).run();
    }

    @Test
    void lpstatListsEveryQueueAndTheFirstByNameAsTheDefault() {
        ExternalCommand.Result lpstat = client("lpstat", "-p", "-d");

        assertThat(lpstat.exitCode()).as(lpstat.describe()).isZero();
        assertThat(lpstat.stdout()).as(lpstat.describe())
                .contains("printer laser-ps is idle", "printer office-color is idle", "printer slow-small is idle")
                .contains("system default destination: laser-ps");
    }

    @Test
    void lpPrintsThroughTheSpoolerOntoTheSimulatedPrinter() {
        int pagesBefore = stack.pagesOf("office-color").size();
        Path document = TestDocuments.standard().file("document-letter.pdf");

        ExternalCommand.Result lp = client("lp", "-d", "office-color", "-t", "from-lp", document.toString());

        Matcher id = REQUEST_ID.matcher(lp.stdout());
        assertThat(lp.exitCode()).as(lp.describe()).isZero();
        assertThat(id.find()).as(lp.describe()).isTrue();
        assertThat(id.group(1)).isEqualTo("office-color");
        SpoolJob job = stack.awaitEnded(Long.parseLong(id.group(2)), Duration.ofMinutes(2));
        assertThat(job.phase()).as("%s", job).isEqualTo(Phase.COMPLETED);
        assertThat(job.name()).isEqualTo("from-lp");
        assertThat(job.pagesDone()).isEqualTo(TestDocuments.DOCUMENT_PAGES);
        assertThat(stack.pagesOf("office-color")).hasSize(pagesBefore + TestDocuments.DOCUMENT_PAGES);
    }

    @Test
    void lpWithoutADestinationPrintsOnTheDefaultPrinter() {
        Path document = TestDocuments.standard().file("document-letter.ps");

        ExternalCommand.Result lp = client("lp", "-t", "to-the-default", document.toString());

        Matcher id = REQUEST_ID.matcher(lp.stdout());
        assertThat(lp.exitCode()).as(lp.describe()).isZero();
        assertThat(id.find()).as(lp.describe()).isTrue();
        assertThat(id.group(1)).isEqualTo("laser-ps");
        SpoolJob job = stack.awaitEnded(Long.parseLong(id.group(2)), Duration.ofMinutes(2));
        assertThat(job.phase()).as("%s", job).isEqualTo(Phase.COMPLETED);
        assertThat(job.queue()).isEqualTo("laser-ps");
    }

    @Test
    void theServersOwnUriAddressesTheDefaultPrinter() {
        for (String root : List.of("/", "")) {
            URI server = URI.create("ipp://127.0.0.1:" + stack.spooler().port() + root);

            RequestedAttributesSuites.Answer answer = RequestedAttributesSuites.ask(server, "printer-name", "printer-uri-supported");

            assertThat(answer.packet().getValue(Tag.printerAttributes, Types.printerName).getValue())
                    .as("printer-name at %s", server).isEqualTo("laser-ps");
            assertThat(answer.packet().getValues(Tag.printerAttributes, Types.printerUriSupported)).as("%s", server)
                    .containsExactly(URI.create("ipp://127.0.0.1:" + stack.spooler().port() + "/printers/laser-ps"));
        }
    }

    @Test
    void cupsGetPrintersStartsAtFirstPrinterNameStopsAtLimitAndAnswersWhatIsAsked() throws Exception {
        URI server = URI.create("ipp://127.0.0.1:" + stack.spooler().port() + "/");
        IppPacket answer = new IppClient(Duration.ofSeconds(5), Duration.ofSeconds(10)).send(server, new IppPacket(0x0200,
                ExtraTypes.cupsGetPrinters.getCode(), 1, List.of(AttributeGroup.groupOf(Tag.operationAttributes,
                        Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"),
                        ExtraTypes.firstPrinterName.of("office-color"), Types.limit.of(1),
                        Types.requestedAttributes.of("printer-name", "printer-type", "device-uri")))));

        List<AttributeGroup> printers = answer.getAttributeGroups().stream()
                .filter(group -> group.getTag().equals(Tag.printerAttributes)).toList();
        assertThat(printers).hasSize(1);
        assertThat(printers.get(0).stream().map(Attribute::getName)).containsExactly("printer-name", "printer-type", "device-uri");
        assertThat(printers.get(0).getValue(Types.printerName).getValue()).isEqualTo("office-color");
        int type = printers.get(0).getValue(ExtraTypes.printerType).getCode();
        assertThat(type & 0x2).as("remote: the engine's queue").isEqualTo(0x2);
        assertThat(type & 0x20000).as("not the default").isZero();
        assertThat(printers.get(0).getValue(ExtraTypes.deviceUri))
                .isEqualTo(stack.simulator().ippUri(stack.printer("office-color")));
    }
}
