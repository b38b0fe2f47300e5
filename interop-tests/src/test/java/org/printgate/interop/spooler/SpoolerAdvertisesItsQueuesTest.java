package org.printgate.interop.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.interop.peers.AvahiBrowse;
import org.printgate.interop.peers.AvahiPublish;
import org.printgate.interop.peers.LoopbackAvahi;
import org.printgate.interop.peers.TestDocuments;
import org.printgate.sim.ledger.LedgerEntry;
import org.printgate.spooler.local.LocalPrinter;
import org.printgate.testing.Await;
import org.printgate.testing.peers.ExternalCommand;
import org.printgate.testing.peers.PrivateCupsd;

/**
 * The spooler advertises each local printer over DNS-SD on loopback, through a real avahi-daemon,
 * and real clients find it: {@code avahi-browse} resolves every queue with its TXT record, a
 * private cupsd lists them ({@code lpstat -e}) and prints through the temporary queue it makes
 * by itself ({@code lp -d}, no {@code lpadmin}). A queue the engine drops is withdrawn; a name
 * another program holds makes the spooler take "NAME (2)"; once avahi-daemon restarts, the
 * queues are advertised again.
 * <p>
 * avahi-daemon is one per machine, and other spoolers may advertise the same queue names: the
 * test knows this spooler's services by their port, and names its own queues uniquely.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpoolerAdvertisesItsQueuesTest {
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    /** A queue whose DNS-SD name another program publishes before the spooler starts. */
    private static final String CLASHING = "clash-" + RUN;
    /** A queue the engine drops during the test. */
    private static final String DROPPED = "dropped-" + RUN;
    /** The spooler asks the engine for its queues every 30 s (SpoolerStack): a change shows within that and a browse. */
    private static final Duration FOLLOWS_THE_ENGINE = Duration.ofSeconds(75);
    /** One avahi-browse resolves every service on loopback: on a busy machine one pass took most of 30 s. */
    private static final Duration ADVERTISED = Duration.ofSeconds(90);
    private static final Duration CUPS_JOB_TIMEOUT = Duration.ofSeconds(120);

    @RegisterExtension
    @Order(1)
    static final Competitor competitor = new Competitor(CLASHING + " (Printgate)");

    @RegisterExtension
    @Order(2)
    static final SpoolerStack stack = SpoolerStack.demoPrintersAtSpeed(10)
            .withIppPrinter(CLASHING, SpoolerAdvertisesItsQueuesTest::officeColor)
            .withIppPrinter(DROPPED, SpoolerAdvertisesItsQueuesTest::officeColor);

    @RegisterExtension
    @Order(3)
    static final PrivateCupsd cups = PrivateCupsd.create();

    @Test
    void everyQueueIsAnIppEverywhereServiceOnLoopbackWithItsTxtRecord() {
        List<String> queues = stack.spooler().printers().all().stream().map(LocalPrinter::name).toList();
        Await.until(ADVERTISED, () -> queues.stream().allMatch(q -> service(q).isPresent()),
                () -> "avahi-browse to resolve " + queues + " on port " + stack.spooler().port() + "; it sees " + ours());

        AvahiBrowse.Service office = service("office-color").orElseThrow();
        LocalPrinter printer = stack.spooler().printers().get("office-color").orElseThrow();
        assertThat(office.iface()).isEqualTo("lo");
        assertThat(office.protocol()).isEqualTo("IPv4");
        assertThat(office.address()).isEqualTo("127.0.0.1");
        assertThat(office.name()).startsWith("office-color (Printgate)");
        assertThat(office.txt()).containsEntry("txtvers", "1").containsEntry("qtotal", "1")
                .containsEntry("rp", "printers/office-color")
                .containsEntry("UUID", printer.uuid().toString().substring("urn:uuid:".length()))
                .containsEntry("adminurl", "http://127.0.0.1:" + stack.spooler().port() + "/")
                .containsEntry("Color", "T").containsEntry("kind", "document").containsEntry("air", "none")
                .containsEntry("printer-state", "3")
                .containsKeys("ty", "product", "note", "URF", "Duplex", "printer-type");
        assertThat(office.txt().get("pdl")).startsWith("application/pdf");
        assertThat(office.txt().get("product")).isEqualTo("(" + office.txt().get("ty") + ")");
        // The subtypes PWG 5100.14 asks for, which print dialogs browse.
        for (String subtype : List.of("_print._sub._ipp._tcp", "_universal._sub._ipp._tcp")) {
            assertThat(AvahiBrowse.names(subtype)).as(subtype).contains(office.name());
        }
    }

    @Test
    void aNameAnotherProgramHoldsIsReplacedByANumberedOne() {
        Await.until(ADVERTISED, () -> service(CLASHING).isPresent(),
                () -> "avahi-browse to resolve " + CLASHING + "; it sees " + ours());

        assertThat(service(CLASHING).orElseThrow().name()).isEqualTo(CLASHING + " (Printgate) (2)");
        // The competitor keeps its own (browsed, not resolved: avahi-publish points it at a host name without an address here).
        assertThat(AvahiBrowse.names("_ipp._tcp")).contains(CLASHING + " (Printgate)");
        assertThat(stack.spooler().advertisedNames()).containsEntry(CLASHING, CLASHING + " (Printgate) (2)");
    }

    @Test
    void cupsFindsTheQueuesAndPrintsThroughItsOwnTemporaryQueue() throws Exception {
        Await.until(ADVERTISED, () -> service("office-color").isPresent(),
                () -> "avahi-browse to resolve office-color; it sees " + ours());
        String name = cupsQueueName(service("office-color").orElseThrow().name());
        AtomicReference<String> listed = new AtomicReference<>("");
        Await.until(ADVERTISED, () -> {
            ExternalCommand.Result result = cups.client("lpstat", "-e");
            listed.set(result.describe());
            return result.stdoutLines().contains(name);
        }, () -> "lpstat -e to list " + name + ": " + listed.get());

        Set<Integer> jobsBefore = stack.pagesOf("office-color").stream().map(LedgerEntry::jobId).collect(Collectors.toSet());
        int pages = 3;
        int job = cups.lp(name, TestDocuments.standard().multiPagePdf(pages), "-t", "found-by-dns-sd");

        assertThat(cups.waitForJobCompleted(job, CUPS_JOB_TIMEOUT).state()).isEqualTo("completed");
        // CUPS made the queue itself, from the service it resolved on loopback to the spooler's local printer.
        assertThat(cups.client("lpstat", "-v").stdoutLines())
                .contains("device for " + name + ": ipp://localhost:" + stack.spooler().port() + "/printers/office-color");
        List<LedgerEntry> printed = stack.pagesOf("office-color").stream().filter(e -> !jobsBefore.contains(e.jobId())).toList();
        assertThat(printed).extracting(LedgerEntry::page).containsExactlyElementsOf(IntStream.rangeClosed(1, pages).boxed().toList());
    }

    @Test
    void aQueueTheEngineDropsIsWithdrawn() {
        Await.until(ADVERTISED, () -> service(DROPPED).isPresent(),
                () -> "avahi-browse to resolve " + DROPPED + "; it sees " + ours());

        stack.engine().deleteQueue(DROPPED);

        Await.until(FOLLOWS_THE_ENGINE, () -> service(DROPPED).isEmpty(),
                () -> "avahi-browse to lose " + DROPPED + "; it sees " + ours());
        assertThat(service("office-color")).as("the other queues stay").isPresent();
    }

    /** Last: the competitor's avahi-publish does not outlive the daemon it published through. */
    @Test
    @Order(Integer.MAX_VALUE)
    void afterAvahiRestartsTheQueuesAreAdvertisedAgain() {
        Await.until(ADVERTISED, () -> service("office-color").isPresent(),
                () -> "avahi-browse to resolve office-color; it sees " + ours());

        LoopbackAvahi.restart();

        Await.until(ADVERTISED, () -> service("office-color").isPresent(),
                () -> "avahi-browse to resolve office-color again after avahi-daemon restarted; it sees " + ours());
    }

    /** This spooler's service for {@code queue}, as avahi-browse resolves it. */
    private static Optional<AvahiBrowse.Service> service(String queue) {
        return ours().stream().filter(s -> ("printers/" + queue).equals(s.txt().get("rp"))).findFirst();
    }

    private static List<AvahiBrowse.Service> ours() {
        return AvahiBrowse.resolved("_ipp._tcp").stream().filter(s -> s.port() == stack.spooler().port()).toList();
    }

    /** The queue name CUPS gives a DNS-SD printer (cups_queue_name in cups/dest.c): runs of other characters become one "_". */
    private static String cupsQueueName(String serviceName) {
        String name = serviceName.replaceAll("[^A-Za-z0-9]+", "_");
        return name.length() > 1 && name.endsWith("_") ? name.substring(0, name.length() - 1) : name;
    }

    private static URI officeColor() {
        return stack.simulator().ippUri(stack.printer("office-color"));
    }

    /** Another program on this machine that publishes the name a queue of the spooler will want, before the spooler starts. */
    static final class Competitor implements BeforeAllCallback, AfterAllCallback {
        static final int PORT = 9;
        private final String name;
        private AvahiPublish published;

        Competitor(String name) {
            this.name = name;
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            LoopbackAvahi.ensureMulticastOnLoopback();
            published = AvahiPublish.service(name, "_ipp._tcp", PORT, "rp=ipp/print");
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (published != null) {
                published.close();
            }
        }
    }
}
