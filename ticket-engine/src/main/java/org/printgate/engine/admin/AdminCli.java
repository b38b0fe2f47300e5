package org.printgate.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Types;
import com.hp.jipp.model.WhichJobs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.printgate.protocol.PrintgateTypes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code printgate admin}: what the console does, for scripts (issue 17). Queues and jobs go
 * through the engine's own IPP operations (Get-Printers, Get-Jobs, Cancel-Job,
 * Printgate-Move-Job, Pause-/Resume-Printer; docs/ticket-protocol.md §6); reports through its
 * {@code /reports} HTTP route. Exit codes: 0 done, 1 refused or failed (the reason on stderr),
 * 2 a mistyped command line.
 */
@Command(name = "printgate admin", mixinStandardHelpOptions = true, version = "printgate admin 0.1.0",
        description = "Administers a Printgate ticket engine.",
        footer = {"", "Credentials: --user/--password or --token, else PRINTGATE_USER/PRINTGATE_PASSWORD or",
            "PRINTGATE_TOKEN, else a password prompt for --user (or PRINTGATE_USER). The engine: --engine or",
            "PRINTGATE_ENGINE (default ipp://127.0.0.1:8632)."},
        subcommands = {AdminCli.Report.class, AdminCli.Rows.class})
public final class AdminCli implements Runnable {
    /** Asks for a password where nothing gave one; null when there is no terminal to ask at. */
    public interface PasswordPrompt {
        char[] ask(String prompt);
    }

    /** The job states a Get-Jobs with which-jobs=completed lists. */
    private static final Set<String> ENDED_STATES = Set.of("completed", "canceled", "aborted");

    private final Map<String, String> environment;
    private final PasswordPrompt prompt;
    private EngineConnection connection;

    @Spec
    private CommandSpec spec;

    @Option(names = "--engine", paramLabel = "URL", description = "The engine, e.g. ipp://engine.example:8632 (env PRINTGATE_ENGINE).")
    private String engine;

    @Option(names = "--user", description = "Operator name for Basic authentication (env PRINTGATE_USER).")
    private String user;

    @Option(names = "--password", description = "Its password (env PRINTGATE_PASSWORD; prompted for when absent).")
    private String password;

    @Option(names = "--token", description = "A Bearer token instead (env PRINTGATE_TOKEN).")
    private String token;

    public AdminCli(Map<String, String> environment, PasswordPrompt prompt) {
        this.environment = Map.copyOf(environment);
        this.prompt = prompt;
    }

    /** Without a subcommand: say which there are. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "give a command: printers, jobs, cancel, move, pause, resume, report or rows");
    }

    public static void main(String[] args) {
        java.io.Console console = System.console();
        PasswordPrompt prompt = text -> console == null ? null : console.readPassword("%s", text);
        System.exit(commandLine(new AdminCli(System.getenv(), prompt)).execute(args));
    }

    /** The command line of {@code cli}, refusals printed as one line on stderr and exit code 1. */
    public static CommandLine commandLine(AdminCli cli) {
        CommandLine line = new CommandLine(cli);
        line.setExecutionExceptionHandler((failure, commandLine, parsed) -> {
            if (failure instanceof AdminFailure) {
                commandLine.getErr().println("printgate admin: " + failure.getMessage());
                commandLine.getErr().flush();
                return 1;
            }
            throw failure;
        });
        return line;
    }

    /** The connection, its engine and credentials from the options, else the environment, else a prompt. */
    EngineConnection engine() {
        if (connection == null) {
            String url = first(engine, environment.get("PRINTGATE_ENGINE"), "ipp://127.0.0.1:8632");
            connection = new EngineConnection(url, authorization());
        }
        return connection;
    }

    private String authorization() {
        String bearer = first(token, environment.get("PRINTGATE_TOKEN"), null);
        String name = first(user, environment.get("PRINTGATE_USER"), null);
        if (bearer != null && name == null) {
            return "Bearer " + bearer;
        }
        if (name == null) {
            throw new AdminFailure("no credentials: give --user (and --password) or --token, or set PRINTGATE_USER or PRINTGATE_TOKEN");
        }
        String secret = first(password, environment.get("PRINTGATE_PASSWORD"), null);
        if (secret == null) {
            char[] asked = prompt.ask("Password for " + name + ": ");
            if (asked == null) {
                throw new AdminFailure("no password for " + name + " and no terminal to ask for it: give --password or PRINTGATE_PASSWORD");
            }
            secret = new String(asked);
        }
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static String first(String given, String fromEnvironment, String otherwise) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : otherwise;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Command(name = "printers", description = "Lists the queues: state, whether they accept jobs, how many wait.")
    int printers() {
        PrintWriter out = out();
        out.println("PRINTER\tSTATE\tACCEPTING\tWAITING\tREASONS\tDEVICE");
        for (AttributeGroup printer : printerGroups()) {
            out.println(String.join("\t", printer.getValue(Types.printerName).getValue(),
                    nameOf(printer.getValue(Types.printerState)),
                    Boolean.TRUE.equals(printer.getValue(Types.printerIsAcceptingJobs)) ? "yes" : "no",
                    String.valueOf(printer.getValue(Types.queuedJobCount)),
                    String.join(",", printer.getValues(Types.printerStateReasons)),
                    String.valueOf(printer.getValue(PrintgateTypes.deviceUri))));
        }
        out.flush();
        return 0;
    }

    /** A jipp keyword enum's name ({@code idle}, {@code pending}), "" when absent. */
    private static String nameOf(com.hp.jipp.encoding.Enum value) {
        return value == null ? "" : value.getName();
    }

    private List<AttributeGroup> printerGroups() {
        IppPacket answer = engine().call(engine().systemUri(), Operation.getPrinters,
                List.of(Types.systemUri.of(engine().systemUri())), null);
        return answer.getAttributeGroups().stream().filter(group -> group.getTag().equals(Tag.printerAttributes)).toList();
    }

    @Command(name = "jobs", description = "Lists jobs: those not ended, or those in --state (an ended state lists ended jobs).")
    int jobs(@Option(names = "--printer", description = "Only this queue.") String printer,
             @Option(names = "--user", description = "Only this user (user@domain).") String owner,
             @Option(names = "--state", description = "Only this state: pending, pending-held, processing, "
                     + "processing-stopped, completed, canceled, aborted.") String state) {
        String wanted = state == null ? null : state.trim().toLowerCase(Locale.ROOT);
        if (wanted != null && JobState.all.values().stream().noneMatch(s -> s.getName().equals(wanted))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--state: no job state " + state);
        }
        List<String> queues = new ArrayList<>();
        if (printer != null) {
            queues.add(printer);
        } else {
            printerGroups().forEach(group -> queues.add(group.getValue(Types.printerName).getValue()));
        }
        PrintWriter out = out();
        out.println("JOB\tPRINTER\tUSER\tSTATE\tPAGES\tNAME");
        for (String queue : queues) {
            URI uri = engine().queueUri(queue);
            IppPacket answer = engine().call(uri, Operation.getJobs, List.of(Types.printerUri.of(uri),
                    Types.whichJobs.of(wanted != null && ENDED_STATES.contains(wanted) ? WhichJobs.completed : WhichJobs.notCompleted),
                    Types.requestedAttributes.of("all")), null);
            for (AttributeGroup job : answer.getAttributeGroups()) {
                if (!job.getTag().equals(Tag.jobAttributes)) {
                    continue;
                }
                String jobUser = job.getValue(Types.jobOriginatingUserName) == null ? ""
                        : job.getValue(Types.jobOriginatingUserName).getValue();
                String jobState = nameOf(job.getValue(Types.jobState));
                if ((owner != null && !owner.equalsIgnoreCase(jobUser)) || (wanted != null && !wanted.equals(jobState))) {
                    continue;
                }
                Integer pages = job.getValue(Types.jobImpressionsCompleted);
                Integer total = job.getValue(Types.jobImpressions);
                out.println(String.join("\t", String.valueOf(job.getValue(Types.jobId)), queue, jobUser, jobState,
                        (pages == null ? 0 : pages) + "/" + (total == null ? "?" : total),
                        job.getValue(Types.jobName) == null ? "" : job.getValue(Types.jobName).getValue()));
            }
        }
        out.flush();
        return 0;
    }

    @Command(name = "cancel", description = "Cancels a job (one at a printer is stopped there).")
    int cancel(@Parameters(paramLabel = "JOB", description = "The job id.") long job) {
        URI uri = engine().jobUri(job);
        engine().call(uri, Operation.cancelJob, List.of(Types.jobUri.of(uri)), null);
        out().println("job " + job + " canceled");
        out().flush();
        return 0;
    }

    @Command(name = "move", description = "Moves a job that has not started to another queue; it keeps its age.")
    int move(@Parameters(index = "0", paramLabel = "JOB") long job, @Parameters(index = "1", paramLabel = "PRINTER") String printer) {
        URI uri = engine().jobUri(job);
        engine().call(uri, PrintgateTypes.moveJob, List.of(Types.jobUri.of(uri)),
                AttributeGroup.groupOf(Tag.jobAttributes, Types.jobPrinterUri.of(engine().queueUri(printer))));
        out().println("job " + job + " moved to " + printer);
        out().flush();
        return 0;
    }

    @Command(name = "pause", description = "Pauses a queue: no more go-aheads until resumed.")
    int pause(@Parameters(paramLabel = "PRINTER") String printer) {
        return manage(printer, Operation.pausePrinter, "paused");
    }

    @Command(name = "resume", description = "Resumes a paused queue.")
    int resume(@Parameters(paramLabel = "PRINTER") String printer) {
        return manage(printer, Operation.resumePrinter, "resumed");
    }

    private int manage(String printer, Operation operation, String done) {
        URI uri = engine().queueUri(printer);
        engine().call(uri, operation, List.of(Types.printerUri.of(uri)), null);
        out().println(printer + " " + done);
        out().flush();
        return 0;
    }

    /** {@code report}: pages and jobs by user, domain, printer, day, week or month, from the engine's totals. */
    @Command(name = "report", description = "Pages and jobs over a range of days, from the engine's daily totals.")
    static final class Report implements Callable<Integer> {
        @CommandLine.ParentCommand
        private AdminCli admin;

        @Option(names = "--by", required = true, description = "user, domain, printer, day, week or month.")
        private String by;

        @CommandLine.Mixin
        private DayRange days;

        @Option(names = "--csv", description = "CSV (RFC 4180) instead of a table.")
        private boolean csv;

        @Override
        public Integer call() throws Exception {
            String query = "/reports/accounting?by=" + URLEncoder.encode(by, StandardCharsets.UTF_8) + "&" + days.query();
            PrintWriter out = admin.out();
            if (csv) {
                admin.engine().get(query + "&format=csv", out);
                return 0;
            }
            StringWriter json = new StringWriter();
            admin.engine().get(query + "&format=json", json);
            JsonNode answer = new ObjectMapper().readTree(json.toString());
            out.printf("%-40s %10s %12s%n", answer.path("by").asText().toUpperCase(Locale.ROOT), "JOBS", "PAGES");
            long jobs = 0;
            long pages = 0;
            for (JsonNode row : answer.path("rows")) {
                out.printf("%-40s %10d %12d%n", row.path("key").asText(), row.path("jobs").asLong(), row.path("pages").asLong());
                jobs += row.path("jobs").asLong();
                pages += row.path("pages").asLong();
            }
            out.printf("%-40s %10d %12d%n", "total (" + answer.path("from").asText() + " to " + answer.path("to").asText()
                    + ", " + answer.path("zone").asText() + ")", jobs, pages);
            out.flush();
            return 0;
        }
    }

    /** {@code rows}: the raw accounting rows of a range of days, as CSV. */
    @Command(name = "rows", description = "The raw accounting rows of jobs that ended in a range of days, as CSV.")
    static final class Rows implements Callable<Integer> {
        @CommandLine.ParentCommand
        private AdminCli admin;

        @CommandLine.Mixin
        private DayRange days;

        @Override
        public Integer call() {
            admin.engine().get("/reports/accounting/rows.csv?" + days.query(), admin.out());
            return 0;
        }
    }

    /** {@code --from} and {@code --to}: a range of days, both included, in the engine's accounting zone. */
    static final class DayRange {
        @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First day (the engine's zone).")
        private LocalDate from;

        @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "Last day, included.")
        private LocalDate to;

        String query() {
            return "from=" + from + "&to=" + to;
        }
    }
}
