package org.printgate.interop.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.spooler.cli.CupsSetup;
import org.printgate.spooler.local.LocalPrinter;
import org.printgate.testing.Await;
import org.printgate.testing.peers.PrivateCupsd;

/**
 * {@code printgate setup --cups} against a private cupsd, for desktops without DNS-SD: it adds a
 * driverless queue for each of the spooler's printers, and once the engine drops a queue a
 * second run removes its CUPS queue, while a queue an administrator made by hand stays.
 */
class CupsSetupFollowsTheSpoolerTest {
    private static final Pattern DEVICE_LINE = Pattern.compile("^device for (\\S+): (\\S+)$");
    private static final Duration PPD_BUILT = Duration.ofSeconds(60);
    /** The spooler asks the engine for its queues every 30 s (SpoolerStack). */
    private static final Duration FOLLOWS_THE_ENGINE = Duration.ofSeconds(75);

    @RegisterExtension
    static final SpoolerStack stack = SpoolerStack.demoPrintersAtSpeed(10);

    @RegisterExtension
    static final PrivateCupsd cups = PrivateCupsd.create();

    @Test
    void addsAQueuePerSpoolerPrinterAndLaterRemovesOnlyThoseItsPrintersLeft() {
        // An administrator's own queue, for a printer reached directly.
        String handmadeDevice = stack.simulator().ippUri(stack.printer("laser-ps")).toString();
        cups.addQueue("handmade", handmadeDevice, "everywhere");
        List<String> printers = stack.spooler().printers().all().stream().map(LocalPrinter::name).toList();

        assertThat(setup()).as("first run's exit code").isZero();

        Map<String, String> devices = devices();
        for (String printer : printers) {
            assertThat(devices).containsEntry(printer, spoolerUri(printer));
            // Driverless: cupsd builds the PPD from the spooler's answer.
            Await.until(PPD_BUILT, () -> Files.isRegularFile(cups.ppd(printer)), "the PPD of " + printer);
        }
        assertThat(devices).containsEntry("handmade", handmadeDevice);

        stack.engine().deleteQueue("slow-small");
        Await.until(FOLLOWS_THE_ENGINE, () -> stack.spooler().printers().get("slow-small").isEmpty(),
                "the spooler to drop slow-small");
        assertThat(setup()).as("second run's exit code").isZero();

        Map<String, String> after = devices();
        assertThat(after).doesNotContainKey("slow-small")
                .containsEntry("office-color", spoolerUri("office-color"))
                .containsEntry("laser-ps", spoolerUri("laser-ps"))
                .containsEntry("handmade", handmadeDevice);
    }

    private static int setup() {
        return CupsSetup.run("--cups", "--spooler", "ipp://localhost:" + stack.spooler().port() + "/",
                "--cups-server", cups.server());
    }

    private static String spoolerUri(String printer) {
        return "ipp://localhost:" + stack.spooler().port() + "/printers/" + printer;
    }

    /** Every queue of the private cupsd and its device URI ({@code lpstat -v}). */
    private static Map<String, String> devices() {
        Map<String, String> devices = new LinkedHashMap<>();
        for (String line : cups.client("lpstat", "-v").requireSuccess().stdoutLines()) {
            Matcher device = DEVICE_LINE.matcher(line.strip());
            if (device.matches()) {
                devices.put(device.group(1), device.group(2));
            }
        }
        return devices;
    }
}
