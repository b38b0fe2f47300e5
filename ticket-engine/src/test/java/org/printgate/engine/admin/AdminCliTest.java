package org.printgate.engine.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.printgate.engine.Engine;
import org.printgate.engine.auth.Authenticator;
import org.printgate.engine.config.EngineConfig;
import org.printgate.engine.config.EngineYaml;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketBook.Report;
import org.printgate.engine.ticket.TicketState;
import org.printgate.testing.MutableClock;
import org.printgate.testing.peers.WorkDirectory;
import picocli.CommandLine;

/** {@code printgate admin} against a real engine on loopback, each subcommand as a script runs it. */
class AdminCliTest {
    private final MutableClock clock = new MutableClock();
    private Path data;
    private Engine engine;
    private Map<String, String> environment;

    /** What one run printed, and its exit code. */
    record Run(int exit, String out, String err) {}

    static EngineConfig config() throws Exception {
        return EngineYaml.onLoopback("""
                printers:
                  - {name: office, device-uri: "socket://127.0.0.1:9", max-jobs: 1}
                  - {name: lobby, device-uri: "socket://127.0.0.1:19"}
                credentials:
                  - {name: ws1, role: spooler, token-sha256: %s, identities: ["*@corp"]}
                  - {name: admin, role: operator, password-sha256: %s, identities: ["*"]}
                """.formatted(Authenticator.sha256Hex("ws-token"), Authenticator.sha256Hex("secret")));
    }

    @BeforeEach
    void start() throws Exception {
        data = WorkDirectory.create("engine");
        engine = Engine.start(config(), clock, data);
        environment = Map.of("PRINTGATE_ENGINE", "ipp://127.0.0.1:" + engine.port(), "PRINTGATE_USER", "admin",
                "PRINTGATE_PASSWORD", "secret");
    }

    @AfterEach
    void stop() {
        try {
            engine.close();
        } finally {
            WorkDirectory.delete(data);
        }
    }

    private Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = AdminCli.commandLine(new AdminCli(env, prompt -> null));
        line.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int exit = line.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Run run(String... args) {
        return run(environment, args);
    }

    private Ticket ticket(String queue, String user, String name) {
        return engine.apply(() -> engine.book().request(queue, user, "ws1", name, 50, 1, 3, null)).subject();
    }

    @Test
    void printersListsTheQueuesAndPauseAndResumeChangeThem() {
        Run printers = run("printers");
        assertThat(printers.exit()).isZero();
        assertThat(printers.out()).contains("PRINTER\tSTATE").containsPattern("(?m)^office\tidle\tyes\t0\t")
                .containsPattern("(?m)^lobby\t");
        assertThat(run("pause", "office")).satisfies(r -> assertThat(r.exit()).isZero())
                .satisfies(r -> assertThat(r.out()).contains("office paused"));
        assertThat(engine.book().isUp("office")).isFalse();
        assertThat(run("printers").out()).containsPattern("(?m)^office\tstopped\t");
        assertThat(run("resume", "office").exit()).isZero();
        assertThat(engine.book().isUp("office")).isTrue();
    }

    @Test
    void jobsListsLiveJobsFilteredAndCancelAndMoveActOnThem() {
        Ticket printing = ticket("office", "ann@corp", "first");
        Ticket waiting = ticket("office", "bob@corp", "second");
        Ticket other = ticket("lobby", "ann@corp", "third");
        Run jobs = run("jobs");
        assertThat(jobs.exit()).isZero();
        assertThat(jobs.out()).contains(printing.jobId() + "\toffice\tann@corp\t", waiting.jobId() + "\toffice\tbob@corp\tpending\t",
                other.jobId() + "\tlobby\tann@corp\t");
        assertThat(run("jobs", "--user", "bob@corp").out()).contains("bob@corp").doesNotContain("ann@corp");
        assertThat(run("jobs", "--printer", "lobby").out()).contains("third").doesNotContain("first");
        assertThat(run("jobs", "--state", "pending").out()).contains("second");

        assertThat(run("move", Long.toString(waiting.jobId()), "lobby").exit()).isZero();
        assertThat(engine.book().ticket(waiting.jobId())).hasValueSatisfying(t -> assertThat(t.queue()).isEqualTo("lobby"));
        assertThat(run("cancel", Long.toString(waiting.jobId())).exit()).isZero();
        assertThat(engine.book().ticket(waiting.jobId())).hasValueSatisfying(t -> assertThat(t.state()).isEqualTo(TicketState.CANCELED));
        assertThat(run("jobs", "--state", "canceled").out()).contains(waiting.jobId() + "\tlobby\tbob@corp\tcanceled");
    }

    @Test
    void reportShowsTotalsAsATableOrCsv() {
        Ticket job = ticket("office", "ann@corp", "doc");
        engine.apply(() -> engine.book().confirm(job.jobId(), "ws1"));
        engine.apply(() -> engine.book().report(job.jobId(), "ws1", Report.COMPLETED, 3, List.of(), ""));
        Run table = run("report", "--by", "user", "--from", "2026-11-01", "--to", "2026-11-30");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).containsPattern("ann@corp +1 +3").contains("total (2026-11-01 to 2026-11-30, UTC)");
        Run csv = run("report", "--by", "day", "--from", "2026-11-21", "--to", "2026-11-21", "--csv");
        assertThat(csv.out()).isEqualTo("day,jobs,pages\r\n2026-11-21,1,3\r\n");
        assertThat(run("rows", "--from", "2026-11-21", "--to", "2026-11-21").out())
                .startsWith("job-id,ended,").contains(job.jobId() + ",2026-11-21T");
    }

    @Test
    void refusalsExitWithOneAndSayWhy() {
        Run wrong = run(Map.of("PRINTGATE_ENGINE", "ipp://127.0.0.1:" + engine.port(), "PRINTGATE_USER", "admin",
                "PRINTGATE_PASSWORD", "nope"), "printers");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("refused these credentials");
        Run spooler = run(Map.of("PRINTGATE_ENGINE", "ipp://127.0.0.1:" + engine.port(), "PRINTGATE_TOKEN", "ws-token"),
                "pause", "office");
        assertThat(spooler.exit()).isEqualTo(1);
        assertThat(spooler.err()).contains("Pause-Printer refused");
        assertThat(engine.book().isUp("office")).isTrue();
        Run report = run(Map.of("PRINTGATE_ENGINE", "ipp://127.0.0.1:" + engine.port(), "PRINTGATE_TOKEN", "ws-token"),
                "report", "--by", "user", "--from", "2026-11-01", "--to", "2026-11-30");
        assertThat(report.exit()).isEqualTo(1);
        assertThat(report.err()).contains("HTTP 403");
        Run noPassword = run(Map.of("PRINTGATE_ENGINE", "ipp://127.0.0.1:" + engine.port()), "--user", "admin", "printers");
        assertThat(noPassword.exit()).isEqualTo(1);
        assertThat(noPassword.err()).contains("no password for admin and no terminal");
        assertThat(run("cancel", "999").err()).contains("Cancel-Job refused");
        assertThat(run("report", "--by", "queue", "--from", "2026-11-01", "--to", "2026-11-30").err())
                .contains("HTTP 400").contains("by must be one of");
    }

    @Test
    void optionsWinOverTheEnvironmentAndAPromptAsksForThePassword() {
        StringWriter out = new StringWriter();
        CommandLine line = AdminCli.commandLine(new AdminCli(Map.of("PRINTGATE_ENGINE", "ipp://127.0.0.1:1"),
                prompt -> "secret".toCharArray()));
        line.setOut(new PrintWriter(out, true));
        assertThat(line.execute("--engine", "http://127.0.0.1:" + engine.port(), "--user", "admin", "printers")).isZero();
        assertThat(out.toString()).contains("office");
    }
}
