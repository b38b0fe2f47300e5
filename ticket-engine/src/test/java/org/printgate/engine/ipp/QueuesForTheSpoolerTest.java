package org.printgate.engine.ipp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.printgate.engine.ipp.Refusals.assertRefused;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.model.PrinterState;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.engine.Engine;
import org.printgate.engine.config.EngineConfig.PrinterConfig;
import org.printgate.engine.config.EngineConfig;
import org.printgate.protocol.PrintgateTypes;
import org.printgate.protocol.client.TicketClient;
import org.printgate.sim.Simulator;
import org.printgate.sim.printer.SimPrinter;
import org.printgate.sim.profile.Profile;
import org.printgate.testing.MutableClock;

/**
 * What the spooler reads to set up its local printers (§6.10): the queues a user may use
 * (Get-Printers with requesting-user-name) and what each queue's device can do — asked of ipp
 * printers, configured for raw ones — against the real printer simulator.
 */
class QueuesForTheSpoolerTest {
    @TempDir
    Path data;
    private final MutableClock clock = new MutableClock();
    private Engine engine;
    private Simulator simulator;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void getPrintersListsOnlyTheQueuesTheNamedUserMayUseWithTheirState() throws Exception {
        engine = Engine.start(EngineOverHttpTest.config(), clock, data);
        TicketClient ann = TicketClient.withToken(engine.systemUri(), EngineOverHttpTest.ANN_TOKEN);
        TicketClient admin = TicketClient.withPassword(engine.systemUri(), "admin", "secret");
        ann.requestTicket("lobby", "ann@corp", "waiting", 50, -1, -1);

        List<AttributeGroup> anns = ann.printers("ann@corp");
        assertThat(anns).extracting(g -> g.getValue(Types.printerName).getValue()).containsExactly("office", "lobby");
        AttributeGroup lobby = anns.get(1);
        assertThat(lobby.getValue(Types.printerUriSupported)).isEqualTo(ann.queueUri("lobby"));
        assertThat(lobby.getValue(PrintgateTypes.deviceUri)).isEqualTo(URI.create("socket://127.0.0.1:19"));
        assertThat(lobby.getValue(Types.printerState)).isEqualTo(PrinterState.idle);
        assertThat(lobby.getValues(Types.printerStateReasons)).containsExactly("none");
        assertThat(lobby.getValue(Types.printerLocation)).isNotNull();
        assertThat(lobby.getValue(Types.queuedJobCount)).isEqualTo(1);
        assertThat(anns.get(0).getValue(Types.queuedJobCount)).isZero();

        // An operator may ask for anyone; a spooler only for the identities it may speak for.
        assertThat(admin.printers("carol@finance")).extracting(g -> g.getValue(Types.printerName).getValue())
                .containsExactly("office", "finance", "lobby");
        assertThat(admin.printers("ann@corp")).extracting(g -> g.getValue(Types.printerName).getValue())
                .containsExactly("office", "lobby");
        assertRefused(Status.clientErrorForbidden, () -> ann.printers("carol@finance"));
    }

    @Test
    void aRawQueueDescribesItsPrinterAsTheDemoConfigurationSaysAndMatchesWhatThePrinterTellsOverIpp()
            throws Exception {
        simulator = Simulator.start(Profile.demo().onFreePorts(), null);
        SimPrinter laser = simulator.printer("laser-ps").orElseThrow();
        PrinterConfig demoLaser = EngineConfig.demo().printers().stream()
                .filter(p -> p.name().equals("laser-ps")).findFirst().orElseThrow();
        URI raw = URI.create("socket://127.0.0.1:" + simulator.rawPort(laser));
        engine = Engine.start(withPrinters(
                new PrinterConfig("laser-raw", raw, null, 1, 0L, null, null, demoLaser.capabilities(), null),
                new PrinterConfig("laser-ipp", simulator.ippUri(laser), null, 1, 0L, null, null, null, null),
                new PrinterConfig("plain-raw", raw, null, 1, 0L, null, null, null, null)), clock, data);
        TicketClient admin = TicketClient.withPassword(engine.systemUri(), "admin", "secret");

        AttributeGroup configured = admin.queue("laser-raw");
        AttributeGroup asked = admin.queue("laser-ipp");
        assertThat(configured.getValue(Types.printerMakeAndModel).getValue()).isEqualTo("Printgate Sim LaserWriter 9100");
        assertThat(configured.getStrings(Types.documentFormatSupported)).contains("application/postscript", "image/pwg-raster");
        assertThat(configured.getValue(Types.colorSupported)).isFalse();
        // Everything the raw queue says, the printer says the same over IPP (but for what its
        // trays and its own job template add: what is loaded now, and its creation attributes).
        List<String> compared = configured.stream().map(a -> a.getName())
                .filter(org.printgate.engine.device.DeviceCapabilities::isCapability)
                .filter(name -> !List.of("media-ready", "media-col-ready", "media-col-default",
                        "job-creation-attributes-supported").contains(name))
                .toList();
        assertThat(compared).contains("media-col-database", "sides-supported", "printer-resolution-supported",
                "pwg-raster-document-type-supported", "print-quality-supported", "copies-supported");
        for (String name : compared) {
            assertThat(String.valueOf(configured.get(name))).as(name).isEqualTo(String.valueOf(asked.get(name)));
        }

        // A raw queue whose configuration says nothing: a plain monochrome PostScript/PDF printer.
        AttributeGroup plain = admin.queue("plain-raw");
        assertThat(plain.getStrings(Types.documentFormatSupported)).containsExactly("application/postscript", "application/pdf");
        assertThat(plain.getStrings(Types.mediaSupported)).containsExactly("iso_a4_210x297mm", "na_letter_8.5x11in");
        assertThat(plain.getStrings(Types.sidesSupported)).containsExactly("one-sided");
        assertThat(plain.getValue(Types.colorSupported)).isFalse();
        assertThat(plain.getStrings(Types.printColorModeSupported)).doesNotContain("color");
    }

    @Test
    void anIppQueueShowsTheDevicesOwnCapabilitiesEvenWhenAskedBeforeItsFirstCheck() throws Exception {
        simulator = Simulator.start(Profile.demo().onFreePorts(), null);
        SimPrinter color = simulator.printer("office-color").orElseThrow();
        engine = Engine.start(withPrinters(), clock, data);
        TicketClient admin = TicketClient.withPassword(engine.systemUri(), "admin", "secret");
        admin.createPrinter("color", simulator.ippUri(color), null, 2, List.of("*"));

        AttributeGroup capabilities = admin.queue("color", List.of("document-format-supported", "color-supported",
                "media-col-database", "sides-supported", "printer-make-and-model"));
        assertThat(capabilities.getStrings(Types.documentFormatSupported)).contains("application/pdf", "image/pwg-raster");
        assertThat(capabilities.getValue(Types.colorSupported)).isTrue();
        assertThat(capabilities.getStrings(Types.sidesSupported)).contains("two-sided-long-edge");
        assertThat(capabilities.getValues(Types.mediaColDatabase)).hasSize(3);
        assertThat(capabilities.getValue(Types.printerMakeAndModel).getValue()).isEqualTo("Printgate Sim ColorJet 300");
        // Only what was asked for.
        assertThat(capabilities.get(Types.printerState.getName())).isNull();
        assertThat(capabilities.get(Types.mediaSupported.getName())).isNull();
        // The watch keeps the device's answer for the next client.
        assertThat(engine.watch().capabilities("color")).isPresent();
    }

    /** The test configuration (credentials and all) with these printers instead of its own. */
    private static EngineConfig withPrinters(PrinterConfig... printers) throws Exception {
        EngineConfig base = EngineOverHttpTest.config();
        return new EngineConfig(base.host(), base.port(), base.data(), List.of(printers), base.credentials(),
                base.timeouts(), base.clientPolicy(), base.watch(), base.tls(), base.deployment());
    }
}
