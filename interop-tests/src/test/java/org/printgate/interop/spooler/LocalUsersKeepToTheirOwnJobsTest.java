package org.printgate.interop.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.interop.peers.TestDocuments;
import org.printgate.spooler.spool.Phase;
import org.printgate.spooler.spool.SpoolJob;
import org.printgate.testing.peers.ExternalCommand;
import org.printgate.testing.peers.PeerTools;
import org.printgate.testing.peers.PrivateCupsd;
import org.printgate.testing.peers.WorkDirectory;

/**
 * Two real local accounts on one desktop, each printing and looking at jobs as itself with
 * ipptool, curl and {@code printgate jobs|cancel|move}: the spooler takes the owner of a job from
 * the kernel (which account owns the client's socket), never from the name a request states, so
 * neither sees the other's job names nor cancels or moves the other's jobs, even when it forges
 * the other's name. A member of the operator group sees all; CUPS's backend, a trusted
 * forwarder, still prints for the user it names.
 */
class LocalUsersKeepToTheirOwnJobsTest {
    private static final String ALICE = "pgtest-alice";
    private static final String BOB = "pgtest-bob";
    private static final String OPERATOR = "pgtest-oper";
    private static final String SECRET = "alice-salary-review";

    @RegisterExtension
    @Order(1)
    static final LocalAccounts accounts = LocalAccounts.named("lpadmin", ALICE, BOB, OPERATOR);

    @RegisterExtension
    @Order(2)
    static final SpoolerStack stack = SpoolerStack.demoPrintersAtSpeed(10);

    @RegisterExtension
    @Order(3)
    static final PrivateCupsd cups = PrivateCupsd.create();

    private static Path shared;
    private static long aliceJob;

    /** A folder every account can read: the test files, a document, and the CLI's jars. */
    @BeforeAll
    static void shareFilesAndPrintAsAlice() throws IOException {
        shared = WorkDirectory.create("local-users");
        Files.copy(TestDocuments.standard().multiPagePdf(2), shared.resolve("two-pages.pdf"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(shared.resolve("print-job.test"), request("Print-Job", """
                ATTR name job-name $jobname
                ATTR mimeMediaType document-format application/pdf
                FILE $filename""", "successful-ok"));
        Files.writeString(shared.resolve("get-jobs.test"), request("Get-Jobs", """
                ATTR keyword which-jobs all
                ATTR keyword requested-attributes job-id,job-name,job-originating-user-name""", "successful-ok"));
        Files.writeString(shared.resolve("cancel-refused.test"), request("Cancel-Job", """
                ATTR integer job-id $job""", "client-error-not-authorized"));
        Path jars = Files.createDirectories(shared.resolve("jars"));
        for (Path jar : cliClassPath()) {
            Files.copy(jar, jars.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        for (Path file : List.of(shared, jars)) {
            try (var files = Files.list(file)) {
                for (Path each : files.toList()) {
                    each.toFile().setReadable(true, false);
                }
            }
        }

        // Alice prints, claiming to be Bob.
        ExternalCommand.Result printed = ipptool(ALICE, "print-job.test", "office-color", "-d", "user=" + BOB,
                "-d", "jobname=" + SECRET, "-f", shared.resolve("two-pages.pdf").toString());
        assertThat(printed.exitCode()).as(printed.describe()).isZero();
        SpoolJob job = stack.spooler().jobs().all().stream().filter(j -> j.name().equals(SECRET)).findFirst().orElseThrow();
        assertThat(job.user()).as("the job is the account's that sent it, whatever name it gave").isEqualTo(ALICE);
        aliceJob = job.id();
    }

    @AfterAll
    static void removeSharedFiles() {
        WorkDirectory.delete(shared);
    }

    @Test
    void overIppNeitherSeesNorCancelsTheOthersJobEvenUnderTheOthersName() {
        ExternalCommand.Result bobLooks = ipptool(BOB, "get-jobs.test", "office-color", "-d", "user=" + ALICE, "-t", "-v");
        assertThat(bobLooks.exitCode()).as(bobLooks.describe()).isZero();
        assertThat(bobLooks.stdout()).as("Bob sees that job %d exists", aliceJob).contains("job-id (integer) = " + aliceJob)
                .doesNotContain(SECRET).doesNotContain(ALICE);

        ExternalCommand.Result bobCancels = ipptool(BOB, "cancel-refused.test", "office-color", "-d", "user=" + ALICE,
                "-d", "job=" + aliceJob);
        assertThat(bobCancels.exitCode()).as("Cancel-Job of Alice's job by Bob, forging her name, is refused:%n%s",
                bobCancels.describe()).isZero();
        assertThat(stack.spooler().jobs().get(aliceJob).orElseThrow().phase()).isNotEqualTo(Phase.CANCELED);

        ExternalCommand.Result aliceLooks = ipptool(ALICE, "get-jobs.test", "office-color", "-d", "user=" + BOB, "-t", "-v");
        assertThat(aliceLooks.stdout()).as(aliceLooks.describe()).contains(SECRET);
        ExternalCommand.Result operatorLooks = ipptool(OPERATOR, "get-jobs.test", "office-color", "-d", "user=" + OPERATOR, "-t", "-v");
        assertThat(operatorLooks.stdout()).as("a member of lpadmin sees every job:%n%s", operatorLooks.describe()).contains(SECRET);
    }

    @Test
    void theJobPageShowsTheCallersOwnJobsWhateverUserTheAddressNames() {
        String page = "http://127.0.0.1:" + stack.spooler().port() + "/?user=" + ALICE;
        ExternalCommand.Result bobsPage = accounts.runAs(BOB, shared, "curl", "-sS", "--fail", page);
        assertThat(bobsPage.exitCode()).as(bobsPage.describe()).isZero();
        assertThat(bobsPage.stdout()).contains("Print jobs of " + BOB).doesNotContain(SECRET);
        ExternalCommand.Result alicesPage = accounts.runAs(ALICE, shared, "curl", "-sS", "--fail", page);
        assertThat(alicesPage.stdout()).as(alicesPage.describe()).contains("Print jobs of " + ALICE).contains(SECRET);
    }

    @Test
    void theCommandLineActsForTheAccountThatRunsIt() {
        ExternalCommand.Result bobsJobs = cli(BOB, "jobs", "--all", "--user", ALICE);
        assertThat(bobsJobs.exitCode()).as(bobsJobs.describe()).isZero();
        assertThat(bobsJobs.stdout()).doesNotContain(SECRET);
        ExternalCommand.Result bobCancels = cli(BOB, "cancel", Long.toString(aliceJob), "--user", ALICE);
        assertThat(bobCancels.exitCode()).as(bobCancels.describe()).isNotZero();
        assertThat(bobCancels.stderr()).contains("not-authorized");
        ExternalCommand.Result bobMoves = cli(BOB, "move", Long.toString(aliceJob), "laser-ps", "--user", ALICE);
        assertThat(bobMoves.exitCode()).as(bobMoves.describe()).isNotZero();
        assertThat(bobMoves.stderr()).contains("not-authorized");
        assertThat(stack.spooler().jobs().get(aliceJob).orElseThrow().queue()).isEqualTo("office-color");

        ExternalCommand.Result alicesJobs = cli(ALICE, "jobs", "--all");
        assertThat(alicesJobs.stdout()).as(alicesJobs.describe()).contains(SECRET);
    }

    @Test
    void overTheUnixSocketTheKernelNamesTheCaller() {
        String socket = stack.spooler().unixSocket().orElseThrow().toString();
        ExternalCommand.Result bobsJobs = cli(BOB, "jobs", "--all", "--user", ALICE, "--socket", socket);
        assertThat(bobsJobs.exitCode()).as(bobsJobs.describe()).isZero();
        assertThat(bobsJobs.stdout()).doesNotContain(SECRET);
        ExternalCommand.Result bobCancels = cli(BOB, "cancel", Long.toString(aliceJob), "--user", ALICE, "--socket", socket);
        assertThat(bobCancels.stderr()).as(bobCancels.describe()).contains("not-authorized");
        ExternalCommand.Result alicesJobs = cli(ALICE, "jobs", "--all", "--socket", socket);
        assertThat(alicesJobs.stdout()).as(alicesJobs.describe()).contains(SECRET);
    }

    @Test
    void cupsBackendPrintsForTheUserItNames() throws Exception {
        cups.addQueue("spooled", stack.queueUri("office-color").toString(), "everywhere");
        int cupsJob = cups.lp("spooled", shared.resolve("two-pages.pdf"), "-U", "carol", "-t", "carol-via-cups");
        assertThat(cups.waitForJobCompleted(cupsJob, Duration.ofMinutes(2)).state()).isEqualTo("completed");
        SpoolJob forwarded = stack.spooler().jobs().all().stream().filter(j -> j.name().equals("carol-via-cups"))
                .findFirst().orElseThrow();
        assertThat(forwarded.user()).as("CUPS's backend (root or lp) names the user it prints for").isEqualTo("carol");
    }

    private static ExternalCommand.Result ipptool(String account, String file, String queue, String... options) {
        List<String> command = new ArrayList<>(List.of(PeerTools.require("ipptool").toString(), "-T", "30"));
        command.addAll(List.of(options));
        command.add("ipp://127.0.0.1:" + stack.spooler().port() + "/printers/" + queue);
        command.add(shared.resolve(file).toString());
        return accounts.runAs(account, shared, command.toArray(String[]::new));
    }

    private static ExternalCommand.Result cli(String account, String... arguments) {
        List<String> command = new ArrayList<>(List.of(javaCommand(), "-cp", shared.resolve("jars") + "/*",
                "org.printgate.spooler.cli.SpoolerCli"));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--spooler", "ipp://localhost:" + stack.spooler().port() + "/"));
        return accounts.runAs(account, shared, command.toArray(String[]::new));
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** The jars {@code bin/printgate jobs} runs with: the spooler's and its runtime class path, as its build wrote it. */
    private static List<Path> cliClassPath() throws IOException {
        Path module = PeerTools.repositoryRoot().resolve("client-spooler");
        Path listed = module.resolve("target/classpath.txt");
        assertThat(listed).as("client-spooler's package phase writes its class path; build it first").exists();
        List<Path> jars = new ArrayList<>();
        for (String entry : Files.readString(listed).trim().split(java.io.File.pathSeparator)) {
            jars.add(Path.of(entry));
        }
        try (var built = Files.list(module.resolve("target"))) {
            jars.add(built.filter(p -> p.getFileName().toString().matches("client-spooler-.*\\.jar")
                    && !p.getFileName().toString().contains("tests")).findFirst().orElseThrow());
        }
        return jars;
    }

    /** One ipptool test: the request's standard operation attributes, then {@code more}. */
    private static String request(String operation, String more, String status) {
        return """
                {
                  NAME "%s"
                  OPERATION %s
                  GROUP operation-attributes-tag
                  ATTR charset attributes-charset utf-8
                  ATTR naturalLanguage attributes-natural-language en
                  ATTR uri printer-uri $uri
                  ATTR name requesting-user-name $user
                %s
                  STATUS %s
                }
                """.formatted(operation, operation, more.indent(2).stripTrailing(), status);
    }
}
