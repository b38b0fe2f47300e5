package org.printgate.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.model.JobState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.printgate.spooler.cli.SpoolerCli;
import org.printgate.testing.Await;
import picocli.CommandLine;

/**
 * {@code printgate jobs|cancel|move} against a real spooler, while slow-small is busy with a long
 * job: the user lists their waiting jobs, cancels one, moves the other to a free printer, where it
 * prints; another user can do neither.
 */
class SpoolerCliTest extends SpoolerSystemTest {
    private String spooler;

    @BeforeEach
    void findTheSpooler() {
        spooler = system.printerUri("office-color").resolve("/").toString();
    }

    @Test
    void listsCancelsAndMovesYourJobsButNotAnotherUsers() throws Exception {
        int busy = system.keepSlowSmallBusy(directory);
        int first = system.print("slow-small", "ann", Documents.pdf(directory, "first", 2), "application/pdf");
        int second = system.print("slow-small", "ann", Documents.pdf(directory, "second", 2), "application/pdf");
        for (int job : new int[] {first, second}) {
            Await.until(Duration.ofSeconds(30), () -> system.describe("slow-small", job).contains("in line"),
                    () -> "job " + job + " to wait in line; it is " + system.describe("slow-small", job));
        }

        Run listed = cli("jobs", "--user", "ann");
        assertThat(listed.exit()).isZero();
        assertThat(listed.out()).contains("first.pdf", "second.pdf", "slow-small", "in line");

        assertThat(cli("cancel", String.valueOf(first), "--user", "bob").exit()).isNotZero();
        assertThat(cli("move", String.valueOf(second), "office-color", "--user", "bob").exit()).isNotZero();

        assertThat(cli("cancel", String.valueOf(first), "--user", "ann").exit()).isZero();
        system.awaitState("slow-small", first, JobState.canceled, Duration.ofSeconds(20));
        assertThat(cli("move", String.valueOf(second), "office-color", "--user", "ann").exit()).isZero();
        system.awaitState("office-color", second, JobState.completed, Duration.ofSeconds(60));
        assertThat(system.pagesPrintedBy("office-color")).containsExactly(1, 2);

        assertThat(cli("cancel", String.valueOf(busy), "--user", "ann").exit()).isZero();
        system.awaitState("slow-small", busy, JobState.canceled, Duration.ofSeconds(30));
        assertThat(cli("jobs", "--user", "ann").out()).doesNotContain("first.pdf", "second.pdf", "long-run.pdf");
    }

    private record Run(int exit, String out) {}

    /** The CLI in this JVM, as {@code bin/printgate} runs it, with what it prints on stdout. */
    private Run cli(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--spooler";
        all[args.length + 1] = spooler;
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new SpoolerCli()).execute(all);
            return new Run(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
        }
    }
}
