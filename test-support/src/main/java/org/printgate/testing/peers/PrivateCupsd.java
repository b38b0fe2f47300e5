package org.printgate.testing.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.printgate.testing.Await;

/**
 * A CUPS scheduler of our own — never the system's: its own {@code cupsd.conf} and
 * {@code cups-files.conf} in a private folder (spool, cache, state, logs, PPDs, printcap),
 * listening on {@code 127.0.0.1:PORT} only, no browsing, no authentication, every operation
 * allowed to everyone. Its clients ({@code lpadmin}, {@code lp}, {@code lpstat}) run with
 * {@code CUPS_SERVER=127.0.0.1:PORT} and a private {@code HOME}, so no {@code ~/.cups}
 * setting leaks in. {@code ErrorPolicy abort-job}: a job that fails is aborted at once, which
 * a test sees, instead of stopping the queue and leaving the job pending.
 * <p>
 * Use it as an extension ({@code @RegisterExtension static final PrivateCupsd cups =
 * PrivateCupsd.create();}; a failing test gets the error_log tail in its message) or directly
 * ({@code try (var cups = PrivateCupsd.create().start()) { … }}), see {@link PeerDaemon}.
 */
public final class PrivateCupsd extends PeerDaemon<PrivateCupsd> {

    /** A job's state as cupsd reports it (RFC 8011 section 5.3.7, 5.3.8). */
    public record JobStatus(String state, String reasons, String printerStateMessage) {
        public boolean isTerminal() {
            return state.equals("completed") || state.equals("canceled") || state.equals("aborted");
        }
    }

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PPD_TIMEOUT = Duration.ofSeconds(60);
    private static final int LOG_TAIL = 60;
    private static final Pattern REQUEST_ID = Pattern.compile("request id is (\\S+)-(\\d+)");

    private static final String JOB_STATE_TEST = """
            # Written by Printgate's PrivateCupsd: the state of the job at $uri.
            {
            \tNAME "Get job state"
            \tOPERATION Get-Job-Attributes
            \tGROUP operation-attributes-tag
            \tATTR charset attributes-charset utf-8
            \tATTR naturalLanguage attributes-natural-language en
            \tATTR uri job-uri $uri
            \tATTR name requesting-user-name $user
            \tATTR keyword requested-attributes job-state,job-state-reasons,job-printer-state-message
            \tSTATUS successful-ok
            \tDISPLAY job-state
            \tDISPLAY job-state-reasons
            \tDISPLAY job-printer-state-message
            }
            """;

    private Path under;
    private final List<String> directives = new ArrayList<>();

    private PrivateCupsd() {
        super("cupsd");
    }

    /** A scheduler not yet started. */
    public static PrivateCupsd create() {
        return new PrivateCupsd();
    }

    /**
     * Keeps the scheduler's private folder in {@code folder} rather than in {@code java.io.tmpdir},
     * e.g. to spool on the same disk as what it is compared with.
     */
    public PrivateCupsd under(Path folder) {
        this.under = folder;
        return this;
    }

    /**
     * More {@code cupsd.conf} directives, written after the defaults so that they win over them
     * (cupsd keeps the last value it reads), e.g. {@code "LogLevel warn", "MaxJobs 0"}.
     */
    public PrivateCupsd directives(String... lines) {
        directives.addAll(List.of(lines));
        return this;
    }

    @Override
    protected String[] tools() {
        return new String[] {"cupsd", "lpadmin", "lpstat"};
    }

    @Override
    protected Path createWorkDirectory() {
        if (under == null) {
            return super.createWorkDirectory();
        }
        try {
            return Files.createDirectories(under);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + under, e);
        }
    }

    /** Writes the configuration for {@code port}, starts {@code cupsd -f}; ready once {@code lpstat -r} says it runs. */
    @Override
    protected DaemonProcess launch(Path root, int port) {
        writeConfiguration(root, port);
        return DaemonProcess.start("cupsd", List.of(PeerTools.require("cupsd").toString(), "-f",
                        "-c", root.resolve("cupsd.conf").toString(), "-s", root.resolve("cups-files.conf").toString()),
                root, Map.of(), root.resolve("log/cupsd.out"));
    }

    private void writeConfiguration(Path root, int port) {
        try {
            for (String dir : List.of("etc/ppd", "etc/ssl", "spool/tmp", "cache", "state", "log", "home")) {
                Files.createDirectories(root.resolve(dir));
            }
            // TempDir: filters run as user lp write there; 1777 like /tmp (the posix API has no sticky bit).
            Files.setAttribute(root.resolve("spool/tmp"), "unix:mode", 01777);
            Files.writeString(root.resolve("cups-files.conf"), """
                    # Printgate PrivateCupsd: every file of this scheduler is under its own folder.
                    ServerRoot %1$s/etc
                    ServerKeychain %1$s/etc/ssl
                    RequestRoot %1$s/spool
                    TempDir %1$s/spool/tmp
                    CacheDir %1$s/cache
                    StateDir %1$s/state
                    ErrorLog %1$s/log/error_log
                    AccessLog %1$s/log/access_log
                    PageLog %1$s/log/page_log
                    Printcap %1$s/etc/printcap
                    ServerBin /usr/lib/cups
                    DataDir /usr/share/cups
                    DocumentRoot /usr/share/cups/doc-root
                    FileDevice No
                    """.formatted(root));
            Files.writeString(root.resolve("cupsd.conf"), """
                    # Printgate PrivateCupsd: loopback only, no browsing, no authentication.
                    LogLevel debug
                    MaxLogSize 0
                    Listen 127.0.0.1:%d
                    ServerAlias *
                    Browsing No
                    BrowseLocalProtocols none
                    DefaultAuthType None
                    DefaultEncryption Never
                    WebInterface Yes
                    IdleExitTimeout 0
                    ErrorPolicy abort-job
                    PreserveJobHistory Yes
                    <Location />
                      Order allow,deny
                      Allow all
                    </Location>
                    <Policy default>
                      JobPrivateAccess all
                      JobPrivateValues none
                      SubscriptionPrivateAccess all
                      SubscriptionPrivateValues none
                      <Limit All>
                        Order allow,deny
                        Allow all
                      </Limit>
                    </Policy>
                    """.formatted(port) + String.join("\n", directives) + "\n");
            Files.writeString(root.resolve("job-state.test"), JOB_STATE_TEST);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the cupsd configuration in " + root, e);
        }
    }

    @Override
    protected boolean answers() {
        ExternalCommand.Result answer = client("lpstat", "-h", server(), "-r");
        return answer.succeeded() && answer.stdout().contains("scheduler is running");
    }

    @Override
    protected boolean cannotListen() {
        return errorLog().contains("Unable to open listen socket");
    }

    @Override
    public int port() {
        return super.port();
    }

    /** {@code 127.0.0.1:PORT}: the value of {@code CUPS_SERVER}. */
    public String server() {
        return "127.0.0.1:" + port();
    }

    @Override
    protected String address() {
        return server();
    }

    /** {@code ipp://127.0.0.1:PORT/printers/QUEUE}. */
    public URI queueUri(String queue) {
        return URI.create("ipp://" + server() + "/printers/" + queue);
    }

    /** The private folder: {@code cupsd.conf}, {@code etc/ppd}, {@code spool}, {@code log/error_log}, … */
    public Path root() {
        return workDir();
    }

    /** The PPD cupsd keeps for {@code queue}. */
    public Path ppd(String queue) {
        return root().resolve("etc/ppd/" + queue + ".ppd");
    }

    /** The environment under which CUPS clients talk to this scheduler and no other. */
    public Map<String, String> clientEnvironment() {
        return Map.of("CUPS_SERVER", server(), "HOME", root().resolve("home").toString());
    }

    /** Runs a CUPS client program ({@code lp}, {@code lpstat}, {@code cancel}, …) against this scheduler. */
    public ExternalCommand.Result client(String program, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(PeerTools.require(program).toString());
        command.addAll(List.of(arguments));
        return ExternalCommand.of(command).in(root()).env(clientEnvironment()).timeout(CLIENT_TIMEOUT).run();
    }

    /** Runs {@code lpadmin} with {@code arguments}; fails, with the error_log tail, unless it exits with 0. */
    public ExternalCommand.Result lpadmin(String... arguments) {
        ExternalCommand.Result result = client("lpadmin", arguments);
        if (!result.succeeded()) {
            throw failure(result.describe());
        }
        return result;
    }

    /**
     * Adds an enabled queue accepting jobs ({@code lpadmin -p NAME -E -v DEVICE -m MODEL}) and
     * waits for its PPD. {@code lpadmin -m everywhere} answers 0 at once even when it will fail:
     * cupsd asks the printer for its attributes and builds the PPD afterwards, or logs
     * {@code E [...] NAME: ...} to error_log. Returns the PPD.
     */
    public Path addQueue(String name, String deviceUri, String model) {
        long logStart = errorLogSize();
        lpadmin("-p", name, "-E", "-v", deviceUri, "-m", model);
        Path ppd = ppd(name);
        Pattern error = Pattern.compile("(?m)^E \\[[^]]*] " + Pattern.quote(name) + ": .*$");
        AtomicReference<String> problem = new AtomicReference<>();
        try {
            Await.until(PPD_TIMEOUT, () -> {
                if (sizeOf(ppd) > 0) {
                    return true;
                }
                Matcher m = error.matcher(errorLogSince(logStart));
                if (m.find()) {
                    problem.set(m.group());
                    return true;
                }
                return false;
            }, () -> "the PPD " + ppd + " of queue " + name);
        } catch (AssertionError e) {
            throw failure(e.getMessage());
        }
        if (problem.get() != null) {
            throw failure("cupsd could not set up queue " + name + " (" + deviceUri + ", -m " + model + "): "
                    + problem.get());
        }
        return ppd;
    }

    /** {@code lp -d QUEUE [lpArguments] FILE}; returns the job id cupsd gave it. */
    public int lp(String queue, Path file, String... lpArguments) {
        List<String> arguments = new ArrayList<>(List.of("-d", queue));
        arguments.addAll(List.of(lpArguments));
        arguments.add(file.toAbsolutePath().toString());
        ExternalCommand.Result result = client("lp", arguments.toArray(String[]::new));
        Matcher id = REQUEST_ID.matcher(result.stdout());
        if (!result.succeeded() || !id.find()) {
            throw failure("lp did not queue the job:\n" + result.describe());
        }
        return Integer.parseInt(id.group(2));
    }

    /** The job's state, asked with Get-Job-Attributes; empty if cupsd does not know the job. */
    public Optional<JobStatus> jobStatus(int jobId) {
        IppToolReport report = IppTool.against("ipp://" + server() + "/jobs/" + jobId).in(root())
                .requestTimeout(Duration.ofSeconds(10)).timeout(CLIENT_TIMEOUT).run("job-state.test");
        return report.result("Get job state")
                .filter(r -> r.outcome() == IppToolReport.Outcome.PASS)
                .map(r -> new JobStatus(r.displayed("job-state").orElse("?"),
                        r.displayed("job-state-reasons").orElse(""),
                        r.displayed("job-printer-state-message").orElse("")));
    }

    /**
     * Waits until the job is completed; fails with cupsd's error_log tail if it ends canceled or
     * aborted, or is still not completed after {@code timeout}.
     */
    public JobStatus waitForJobCompleted(int jobId, Duration timeout) {
        AtomicReference<Optional<JobStatus>> last = new AtomicReference<>(Optional.empty());
        try {
            Await.until(timeout, () -> {
                last.set(jobStatus(jobId));
                return last.get().map(JobStatus::isTerminal).orElse(false);
            }, () -> "job " + jobId + " to complete; last seen " + last.get().map(Object::toString).orElse("nothing"));
        } catch (AssertionError e) {
            throw failure(e.getMessage());
        }
        JobStatus status = last.get().orElseThrow();
        if (!status.state().equals("completed")) {
            throw failure("job " + jobId + " ended " + status);
        }
        return status;
    }

    public Path errorLogFile() {
        return root().resolve("log/error_log");
    }

    /** cupsd's error_log (LogLevel debug, unless {@link #directives} say otherwise). */
    public String errorLog() {
        try {
            return Files.exists(errorLogFile()) ? Files.readString(errorLogFile(), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(could not read " + errorLogFile() + ": " + e + ")";
        }
    }

    public String errorLogTail(int lines) {
        return DaemonProcess.tail(errorLog(), lines);
    }

    @Override
    protected String logTail() {
        if (root() == null) {
            return "";
        }
        String cupsdOutput = process() == null ? "" : process().logTail(10);
        return "--- cupsd error_log (last " + LOG_TAIL + " lines, " + errorLogFile() + ") ---\n"
                + errorLogTail(LOG_TAIL)
                + (cupsdOutput.isBlank() ? "" : "\n--- cupsd stdout/stderr ---\n" + cupsdOutput);
    }

    private long errorLogSize() {
        return sizeOf(errorLogFile());
    }

    private String errorLogSince(long offset) {
        String log = errorLog();
        byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
        return offset >= bytes.length ? "" : new String(bytes, (int) offset, bytes.length - (int) offset,
                StandardCharsets.UTF_8);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * A failure carrying the error_log tail. It does not mark the scheduler failed: a test may
     * expect it; one that does not fails, and the extension's handler keeps the folder then.
     */
    private AssertionError failure(String message) {
        return new AssertionError(message + "\n\n" + logTail());
    }
}
