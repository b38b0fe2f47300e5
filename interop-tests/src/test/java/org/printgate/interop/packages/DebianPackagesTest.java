package org.printgate.interop.packages;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.printgate.engine.config.EngineConfig;
import org.printgate.ipp.IppClient;
import org.printgate.sim.Simulator;
import org.printgate.sim.ledger.LedgerEntry;
import org.printgate.sim.printer.SimPrinter;
import org.printgate.sim.profile.Profile;
import org.printgate.spooler.SpoolerConfig;
import org.printgate.testing.Await;
import org.printgate.testing.TestPdf;
import org.printgate.testing.peers.DaemonProcess;
import org.printgate.testing.peers.ExternalCommand;
import org.printgate.testing.peers.FreePort;
import org.printgate.testing.peers.PeerTools;
import org.printgate.testing.peers.WorkDirectory;

/**
 * The Debian packages that {@code packaging/} builds, installed on this machine with dpkg, as an
 * administrator would (issue 16, "installs as a service"): the files, accounts and units they put
 * in place; the engine and the spooler started as their units start them, printing a job to a
 * simulated printer; an upgrade that keeps a job waiting in the spool, which prints after it;
 * {@code dpkg -r}, which stops the services and keeps the data; {@code dpkg --purge}, which
 * removes data and configuration. The steps run in order and share the installation.
 * <p>
 * Needs root (dpkg): it fails, never skips, without it. It refuses to run where a Printgate
 * package is installed already, which it would replace and purge. A policy-rc.d keeps dpkg from
 * starting the services on a machine run by systemd; the test starts each unit's ExecStart= as its
 * User= with runuser, on free ports, so the ports 8631 and 8632 and any spooler running here stay
 * untouched. Whatever it installed, it purges at the end.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebianPackagesTest {
    private static final List<String> PACKAGES = List.of("printgate-common", "printgate-spooler", "printgate-engine");
    private static final Path UNITS = Path.of("/lib/systemd/system");
    private static final Path SPOOLER_UNIT = UNITS.resolve("printgate-spooler.service");
    private static final Path ENGINE_UNIT = UNITS.resolve("printgate-engine.service");
    private static final Path CONFIG = Path.of("/etc/printgate");
    private static final Path DATA = Path.of("/var/lib/printgate");
    private static final Path SPOOL = DATA.resolve("spool");
    private static final Path POLICY = Path.of("/usr/sbin/policy-rc.d");
    private static final String SPOOLER_ACCOUNT = "printgate";
    private static final String ENGINE_ACCOUNT = "printgate-engine";
    private static final String QUEUE = "office-color";
    private static final String TOKEN = "debian-packages-test-token";
    private static final String OPERATOR_TOKEN = "debian-packages-test-operator";
    private static final String DOMAIN = "packages";
    private static final Duration STARTED = Duration.ofSeconds(60);
    private static final Duration PRINTED = Duration.ofSeconds(120);
    /** How long another dpkg or apt may hold dpkg's lock. */
    private static final Duration DPKG_LOCK = Duration.ofMinutes(5);
    /** The units' TimeoutStopSec=. */
    private static final Duration STOPPED = Duration.ofSeconds(30);

    private static Path work;
    private static boolean policyIsOurs;
    private static boolean installing;
    private static Simulator simulator;
    private static DaemonProcess engine;
    private static DaemonProcess spooler;
    private static int enginePort;
    private static int spoolerPort;
    private static String version;
    private static long jobBeforeUpgrade;
    private static final IppClient ipp = new IppClient(Duration.ofSeconds(5), Duration.ofSeconds(60));
    private static final AtomicInteger requestIds = new AtomicInteger(1);

    @BeforeAll
    static void onlyOnAMachineWithoutPrintgate() throws IOException {
        // Is this root? dpkg needs it; bin/test and CI run as root.
        String uid = ExternalCommand.of("id", "-u").runSuccessfully().stdout().strip();
        if (!uid.equals("0")) {
            throw new AssertionError("DebianPackagesTest installs the Printgate packages with dpkg and needs root;"
                    + " it runs as uid " + uid + ". Run the tests as root (bin/test, as CI does).");
        }
        PeerTools.requireAll("dpkg", "dpkg-deb", "dpkg-query", "systemd-analyze", "runuser", "pgrep");
        // Is Printgate installed here already? Then the machine is someone's, and the test would purge it.
        for (String name : PACKAGES) {
            String status = status(name);
            if (!status.isEmpty() && !status.endsWith("not-installed")) {
                throw new AssertionError(name + " is on this machine already (" + status + "); DebianPackagesTest"
                        + " would replace and purge it. Remove it first: dpkg --purge " + String.join(" ", PACKAGES));
            }
        }
        work = WorkDirectory.create("debian-packages");
        // No service starts while dpkg runs: the test starts them itself, on its own ports.
        if (!Files.exists(POLICY)) {
            Files.writeString(POLICY, "#!/bin/sh\n# Temporary, from DebianPackagesTest: do not start services.\nexit 101\n");
            Files.setPosixFilePermissions(POLICY, PosixFilePermissions.fromString("rwxr-xr-x"));
            policyIsOurs = true;
        }
        simulator = Simulator.start(Profile.demo().onFreePorts().faster(10), null);
    }

    @AfterAll
    static void purgeWhatTheTestInstalled() throws IOException {
        for (DaemonProcess program : new DaemonProcess[] {spooler, engine}) {
            try {
                stop(program);
            } finally {
                if (program != null) {
                    program.close();
                }
            }
        }
        try {
            if (installing) {
                List<String> left = PACKAGES.stream().filter(name -> {
                    String status = status(name);
                    return !status.isEmpty() && !status.endsWith("not-installed");
                }).toList();
                if (!left.isEmpty()) {
                    dpkg(concat(List.of("--purge"), left)).requireSuccess();
                }
            }
        } finally {
            if (simulator != null) {
                simulator.close();
            }
            if (policyIsOurs) {
                Files.deleteIfExists(POLICY);
            }
            WorkDirectory.delete(work);
        }
    }

    @Test
    @Order(1)
    void installsTheProgramsTheirAccountsUnitsAndConfiguration() throws IOException {
        installing = true;
        dpkg(concat(List.of("-i"), PACKAGES.stream().map(DebianPackagesTest::builtPackage).map(Path::toString).toList()))
                .requireSuccess();
        version = ExternalCommand.of("dpkg-deb", "-f", builtPackage("printgate-spooler").toString(), "Version")
                .runSuccessfully().stdout().strip();
        for (String name : PACKAGES) {
            assertThat(status(name)).as(name).isEqualTo("install ok installed");
        }
        assertThat(query("printgate-spooler", "${Depends}")).contains("java17-runtime-headless");
        assertThat(query("printgate-spooler", "${Conffiles}")).contains("/etc/printgate/spooler.yaml");
        assertThat(query("printgate-engine", "${Conffiles}")).contains("/etc/printgate/engine.yaml");

        // The launcher, and each program's jars in a folder of its own: the desktop's holds no engine.
        assertThat(Path.of("/usr/bin/printgate")).isExecutable();
        assertThat(jarNames("spooler")).anyMatch(n -> n.startsWith("client-spooler-"))
                .noneMatch(n -> n.startsWith("ticket-engine-") || n.startsWith("snmp4j-agent-")
                        || n.startsWith("printer-sim-") || n.startsWith("test-support-"));
        assertThat(jarNames("engine")).anyMatch(n -> n.startsWith("ticket-engine-"))
                .noneMatch(n -> n.startsWith("client-spooler-") || n.startsWith("printer-sim-"));
        assertThat(launcherSpoolerFlags(Path.of("/usr/bin/printgate")))
                .as("the installed spooler's JVM flags are bin/printgate's")
                .isEqualTo(launcherSpoolerFlags(PeerTools.repositoryRoot().resolve("bin/printgate")));

        // Accounts of their own without a shell; data and configuration only they (and root) read.
        assertThat(ExternalCommand.of("getent", "passwd", SPOOLER_ACCOUNT).runSuccessfully().stdout()).contains(":/usr/sbin/nologin");
        assertThat(ExternalCommand.of("getent", "passwd", ENGINE_ACCOUNT).runSuccessfully().stdout()).contains(":/usr/sbin/nologin");
        assertOwnedBy(SPOOL, SPOOLER_ACCOUNT, SPOOLER_ACCOUNT, "rwxr-x---");
        assertOwnedBy(DATA.resolve("engine"), ENGINE_ACCOUNT, ENGINE_ACCOUNT, "rwxr-x---");
        assertOwnedBy(CONFIG.resolve("spooler.yaml"), "root", SPOOLER_ACCOUNT, "rw-r-----");
        assertOwnedBy(CONFIG.resolve("engine.yaml"), "root", ENGINE_ACCOUNT, "rw-r-----");
        // The shipped settings pass the programs' own readers: no unknown key, no bad value.
        assertThat(SpoolerConfig.load(CONFIG.resolve("spooler.yaml")).port()).isEqualTo(8631);
        assertThat(EngineConfig.load(CONFIG.resolve("engine.yaml")).host()).isEqualTo("127.0.0.1");

        // Enabled for the next boot, as debhelper's snippets do, also where systemd is not running now.
        assertThat(Path.of("/etc/systemd/system/multi-user.target.wants/printgate-spooler.service")).isSymbolicLink();
        assertThat(Path.of("/etc/systemd/system/multi-user.target.wants/printgate-engine.service")).isSymbolicLink();
        assertThat(SystemdUnit.read(SPOOLER_UNIT).user()).isEqualTo(SPOOLER_ACCOUNT);
        assertThat(SystemdUnit.read(ENGINE_UNIT).user()).isEqualTo(ENGINE_ACCOUNT);
    }

    @Test
    @Order(2)
    void systemdFindsNothingToSayAboutTheUnits() {
        // verify exits 0 even on an unknown key or a bad value; it says so on stderr.
        ExternalCommand.Result verify = ExternalCommand.of("systemd-analyze", "verify", SPOOLER_UNIT.toString(), ENGINE_UNIT.toString())
                .runSuccessfully();
        assertThat(verify.stdout() + verify.stderr()).as(verify.describe()).isBlank();
    }

    @Test
    @Order(3)
    void theEngineAndTheSpoolerStartedAsTheirUnitsPrintAJob() throws Exception {
        enginePort = FreePort.tcp();
        spoolerPort = FreePort.tcp();
        // The conffiles, as an administrator edits them (their owners and modes stay).
        Files.writeString(CONFIG.resolve("engine.yaml"), engineYaml());
        Files.writeString(CONFIG.resolve("spooler.yaml"), spoolerYaml());
        startEngine();
        startSpooler();
        assertThat(ExternalCommand.of("pgrep", "-u", SPOOLER_ACCOUNT, "-f", "org.printgate.spooler.SpoolerMain").run().exitCode())
                .as("a spooler JVM running as %s", SPOOLER_ACCOUNT).isZero();
        assertThat(ExternalCommand.of("pgrep", "-u", ENGINE_ACCOUNT, "-f", "org.printgate.engine.EngineMain").run().exitCode())
                .as("an engine JVM running as %s", ENGINE_ACCOUNT).isZero();

        Set<Integer> printerJobsBefore = printerJobs();
        long job = print("installed", 3);
        assertThat(awaitNewPrinterJobPages(printerJobsBefore, 3)).extracting(LedgerEntry::page).containsExactly(1, 2, 3);

        // The installed command lists it (root may ask for alice, as CUPS's backends do) ...
        Await.until(Duration.ofSeconds(30), () -> jobLine(job).contains("completed"),
                () -> "printgate jobs to show job " + job + " completed; it shows\n" + jobs());
        jobBeforeUpgrade = job;
        // ... and runs for any account: the programs are readable by all, only data and configuration are not.
        ExternalCommand.of("runuser", "-u", "nobody", "--", "/usr/bin/printgate", "jobs",
                "--spooler", "ipp://localhost:" + spoolerPort + "/").runSuccessfully();
        // The installed admin command asks the engine, with an operator's token from the environment.
        assertThat(ExternalCommand.of("/usr/bin/printgate", "admin", "--engine", "ipp://127.0.0.1:" + enginePort, "printers")
                .env("PRINTGATE_TOKEN", OPERATOR_TOKEN).runSuccessfully().stdout()).contains(QUEUE);
    }

    @Test
    @Order(4)
    void anUpgradeKeepsTheSpoolAndTheJobWaitingInIt() throws Exception {
        // A job spooled while the engine is away waits in the spool, through the upgrade.
        stop(engine);
        Set<Integer> printerJobsBefore = printerJobs();
        long waiting = print("upgrade", 4);
        stop(spooler);
        Map<String, Long> spoolBefore = filesAndSizes(SPOOL);
        assertThat(spoolBefore).isNotEmpty();

        String newer = version + "+upgrade1";
        List<String> upgrades = new ArrayList<>();
        for (String name : PACKAGES) {
            upgrades.add(repackaged(name, newer).toString());
        }
        dpkg(concat(List.of("-i"), upgrades)).requireSuccess();
        for (String name : PACKAGES) {
            assertThat(query(name, "${Version}")).as(name).isEqualTo(newer);
        }
        assertThat(filesAndSizes(SPOOL)).as("the spool after the upgrade").isEqualTo(spoolBefore);
        assertThat(Files.readString(CONFIG.resolve("spooler.yaml"))).as("the administrator's configuration").isEqualTo(spoolerYaml());
        assertOwnedBy(SPOOL, SPOOLER_ACCOUNT, SPOOLER_ACCOUNT, "rwxr-x---");

        startEngine();
        startSpooler();
        assertThat(awaitNewPrinterJobPages(printerJobsBefore, 4)).extracting(LedgerEntry::page).containsExactly(1, 2, 3, 4);
        Await.until(Duration.ofSeconds(30), () -> jobLine(waiting).contains("completed") && jobLine(jobBeforeUpgrade).contains("completed"),
                () -> "printgate jobs to show jobs " + jobBeforeUpgrade + " and " + waiting + " completed; it shows\n" + jobs());
    }

    @Test
    @Order(5)
    void removeStopsTheServicesAndKeepsDataAndConfiguration() {
        dpkg(List.of("-r", "printgate-spooler", "printgate-engine", "printgate-common")).requireSuccess();

        for (String account : List.of(SPOOLER_ACCOUNT, ENGINE_ACCOUNT)) {
            assertThat(liveProcessesOf(account)).as("processes of %s after dpkg -r", account).isEmpty();
        }
        Await.until(Duration.ofSeconds(20), () -> !spooler.isAlive() && !engine.isAlive(),
                () -> "runuser to end with the programs it ran: " + spooler + " " + engine);
        // The launcher's package has no conffile: nothing of it is left.
        assertThat(status("printgate-common")).isEqualTo("unknown ok not-installed");
        assertThat(status("printgate-spooler")).isEqualTo("deinstall ok config-files");
        assertThat(status("printgate-engine")).isEqualTo("deinstall ok config-files");
        assertThat(Path.of("/usr/bin/printgate")).doesNotExist();
        assertThat(Path.of("/usr/share/printgate")).doesNotExist();
        assertThat(SPOOL.resolve("spool.db")).isRegularFile();
        assertThat(DATA.resolve("engine")).isDirectory();
        assertThat(CONFIG.resolve("spooler.yaml")).isRegularFile();
    }

    @Test
    @Order(6)
    void purgeRemovesDataAndConfiguration() {
        dpkg(List.of("--purge", "printgate-spooler", "printgate-engine", "printgate-common")).requireSuccess();

        for (String name : PACKAGES) {
            assertThat(status(name)).as(name).satisfiesAnyOf(s -> assertThat(s).isEmpty(), s -> assertThat(s).endsWith("not-installed"));
        }
        assertThat(DATA).doesNotExist();
        assertThat(CONFIG).doesNotExist();
        assertThat(Path.of("/etc/systemd/system/multi-user.target.wants/printgate-spooler.service")).doesNotExist();
        assertThat(Path.of("/etc/systemd/system/printgate-spooler.service")).as("the mask of a removed unit").doesNotExist();
    }

    // --- the services, as their units start them ---

    private static void startEngine() {
        engine = SystemdUnit.read(ENGINE_UNIT).start("printgate-engine", work.resolve("engine.log"));
        Await.until(STARTED, () -> engine.logText().contains("printgate engine:") || !engine.isAlive(),
                () -> "the engine to start; it logged:\n" + engine.logTail(30));
        assertThat(engine.isAlive()).as("the engine runs; it logged:\n%s", engine.logTail(30)).isTrue();
    }

    private static void startSpooler() {
        spooler = SystemdUnit.read(SPOOLER_UNIT).start("printgate-spooler", work.resolve("spooler.log"));
        // The local printer is worth a print once it carries its real printer's capabilities.
        Await.until(STARTED, () -> knowsCapabilitiesOfTheQueue() || !spooler.isAlive(),
                () -> "the spooler to show " + QUEUE + " with its capabilities; it logged:\n" + spooler.logTail(30));
        assertThat(spooler.isAlive()).as("the spooler runs; it logged:\n%s", spooler.logTail(30)).isTrue();
    }

    /**
     * Stops a program as systemd stops its unit: SIGTERM to the program itself (runuser's child;
     * runuser would pass it on, but kills its child 2 s later), then a wait for it to end.
     */
    /**
     * The processes that run as {@code account}, one line each ("PID STAT COMMAND"). A zombie does
     * not count: it is dead, and only its parent can reap it (where PID 1 is no init, nobody does).
     */
    private static List<String> liveProcessesOf(String account) {
        return ExternalCommand.of("ps", "-o", "pid=,stat=,args=", "-u", account).run().stdoutLines().stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.split("\\s+")[1].startsWith("Z")).toList();
    }

    private static void stop(DaemonProcess program) {
        if (program == null || !program.isAlive()) {
            return;
        }
        ProcessHandle.of(program.pid()).ifPresent(runuser -> runuser.children().forEach(ProcessHandle::destroy));
        Await.until(STOPPED, () -> !program.isAlive(), () -> program + " to end on SIGTERM; it logged:\n" + program.logTail(20));
        program.close();
    }

    private static String engineYaml() {
        SimPrinter printer = simulator.printer(QUEUE).orElseThrow();
        return """
                # Written by DebianPackagesTest.
                host: 127.0.0.1
                port: %d
                printers:
                  - {name: %s, device-uri: "%s", snmp-uri: "snmp://public@127.0.0.1:%d", max-jobs: 2}
                credentials:
                  - {name: test-desktop, role: spooler, token-sha256: %s, identities: ["*@%s"]}
                  - {name: test-operator, role: operator, token-sha256: %s}
                watch: {up-interval: 2, down-interval: 1, check-timeout: 2}
                timeouts: {confirm: 10, stall: 30, fail: 60, poll-hold: 20}
                """.formatted(enginePort, QUEUE, simulator.ippUri(printer), simulator.snmpPort(printer), sha256(TOKEN), DOMAIN,
                sha256(OPERATOR_TOKEN));
    }

    private static String spoolerYaml() {
        return """
                # Written by DebianPackagesTest.
                engine: ipp://127.0.0.1:%d/ipp/system
                token: %s
                domain: %s
                port: %d
                retry-wait-seconds: 1
                queue-refresh-seconds: 2
                """.formatted(enginePort, TOKEN, DOMAIN, spoolerPort);
    }

    // --- printing through the spooler ---

    private static URI queueUri() {
        return URI.create("ipp://localhost:" + spoolerPort + "/printers/" + QUEUE);
    }

    private static boolean knowsCapabilitiesOfTheQueue() {
        try {
            IppPacket answer = ipp.send(queueUri(), new IppPacket(0x0200, Operation.getPrinterAttributes.getCode(),
                    requestIds.getAndIncrement(), List.of(AttributeGroup.groupOf(Tag.operationAttributes,
                    Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(queueUri())))));
            return Status.successfulOk.equals(answer.getStatus())
                    && answer.getValues(Tag.printerAttributes, Types.documentFormatSupported).contains("application/pdf");
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Print-Job of a PDF of {@code pages} pages as user alice; returns the spooler's job id. */
    private static long print(String label, int pages) throws IOException {
        Path document = work.resolve(label + ".pdf");
        Files.write(document, TestPdf.pages(label, pages));
        IppPacket answer = ipp.send(queueUri(), new IppPacket(0x0200, Operation.printJob.getCode(), requestIds.getAndIncrement(),
                List.of(AttributeGroup.groupOf(Tag.operationAttributes, Types.attributesCharset.of("utf-8"),
                        Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(queueUri()),
                        Types.requestingUserName.of("alice"), Types.jobName.of(label),
                        Types.documentFormat.of("application/pdf")))), document);
        assertThat(answer.getStatus()).as("Print-Job: %s", answer.getString(Tag.operationAttributes, Types.statusMessage))
                .isEqualTo(Status.successfulOk);
        return answer.getValue(Tag.jobAttributes, Types.jobId);
    }

    private static Set<Integer> printerJobs() {
        return simulator.ledger().entries(e -> e.printer().equals(QUEUE)).stream().map(LedgerEntry::jobId).collect(Collectors.toSet());
    }

    /** Waits for the one new printer job of {@code pages} pages; returns its pages in ledger order. */
    private static List<LedgerEntry> awaitNewPrinterJobPages(Set<Integer> jobsBefore, int pages) {
        Await.until(PRINTED, () -> newPages(jobsBefore).size() >= pages,
                () -> pages + " new pages on " + QUEUE + "; the ledger has " + newPages(jobsBefore)
                        + "\nspooler:\n" + spooler.logTail(20) + "\nengine:\n" + engine.logTail(20));
        List<LedgerEntry> printed = newPages(jobsBefore);
        assertThat(printed).extracting(LedgerEntry::jobId).as("one printer job").containsOnly(printed.get(0).jobId());
        return printed;
    }

    private static List<LedgerEntry> newPages(Set<Integer> jobsBefore) {
        return simulator.ledger().entries(e -> e.printer().equals(QUEUE) && !jobsBefore.contains(e.jobId()));
    }

    /** The line of {@link #jobs()} for {@code job}; empty when absent. */
    private static String jobLine(long job) {
        return jobs().lines().filter(line -> line.startsWith(job + " ")).findFirst().orElse("");
    }

    /** What {@code printgate jobs --all} shows of alice's jobs. */
    private static String jobs() {
        return ExternalCommand.of("/usr/bin/printgate", "jobs", "--all",
                "--user", "alice", "--spooler", "ipp://localhost:" + spoolerPort + "/").runSuccessfully().stdout();
    }

    // --- dpkg ---

    private static Path builtPackage(String name) {
        Path target = PeerTools.repositoryRoot().resolve("packaging").resolve(name).resolve("target");
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> debs = Files.newDirectoryStream(target, name + "_*_all.deb")) {
                debs.forEach(found::add);
            } catch (IOException e) {
                throw new AssertionError("cannot list " + target, e);
            }
        }
        if (found.size() != 1) {
            throw new AssertionError("expected one " + name + "_*_all.deb in " + target + ", found " + found
                    + ": build it with mvn -pl packaging/" + name + " -am package");
        }
        return found.get(0);
    }

    /** The package {@code name} as built, but of version {@code newer}: the next release, for dpkg. */
    private static Path repackaged(String name, String newer) throws IOException {
        Path tree = Files.createDirectories(work.resolve("upgrade")).resolve(name);
        ExternalCommand.of("dpkg-deb", "-R", builtPackage(name).toString(), tree.toString()).runSuccessfully();
        Path control = tree.resolve("DEBIAN/control");
        // Version: and the Depends: on printgate-common (= version).
        Files.writeString(control, Files.readString(control).replace(version, newer));
        Path deb = work.resolve("upgrade").resolve(name + "_" + newer + "_all.deb");
        // Uncompressed: xz, the default, takes half a minute over the jars on a busy 2-core machine.
        ExternalCommand.of("dpkg-deb", "--root-owner-group", "-Znone", "-b", tree.toString(), deb.toString()).runSuccessfully();
        return deb;
    }

    /** dpkg with {@code arguments}; while another dpkg or apt holds dpkg's lock (another test run installing its peers), tried again. */
    private static ExternalCommand.Result dpkg(List<String> arguments) {
        ExternalCommand.Result[] last = new ExternalCommand.Result[1];
        Await.until(DPKG_LOCK, () -> {
            last[0] = ExternalCommand.of(concat(List.of("dpkg"), arguments)).env("DEBIAN_FRONTEND", "noninteractive")
                    .timeout(Duration.ofMinutes(3)).run();
            return !(last[0].exitCode() == 2 && last[0].stderr().contains("lock"));
        }, () -> "dpkg's lock; the last try said " + last[0].describe());
        return last[0];
    }

    /** dpkg's status of a package ("install ok installed", ...); empty when dpkg has never heard of it. */
    private static String status(String name) {
        ExternalCommand.Result result = ExternalCommand.of("dpkg-query", "-W", "-f=${Status}", name).run();
        return result.succeeded() ? result.stdout().strip() : "";
    }

    private static String query(String name, String format) {
        return ExternalCommand.of("dpkg-query", "-W", "-f=" + format, name).runSuccessfully().stdout().strip();
    }

    // --- files ---

    private static List<String> jarNames(String program) throws IOException {
        try (Stream<Path> jars = Files.list(Path.of("/usr/share/printgate", program))) {
            return jars.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static final Pattern SPOOLER_FLAGS = Pattern.compile("(?m)^SPOOLER_JAVA_OPTS=\"([^\"]*)\"$");

    private static String launcherSpoolerFlags(Path launcher) throws IOException {
        Matcher flags = SPOOLER_FLAGS.matcher(Files.readString(launcher));
        assertThat(flags.find()).as("a SPOOLER_JAVA_OPTS=\"...\" line in %s", launcher).isTrue();
        return flags.group(1);
    }

    private static void assertOwnedBy(Path path, String owner, String group, String mode) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class);
        assertThat(attributes.owner().getName() + ":" + attributes.group().getName() + " "
                + PosixFilePermissions.toString(attributes.permissions()))
                .as(path.toString()).isEqualTo(owner + ":" + group + " " + mode);
    }

    /** Every regular file under {@code dir}, by its path inside it, with its size. */
    private static Map<String, Long> filesAndSizes(Path dir) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString(), Files.size(file));
            }
        }
        return files;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
