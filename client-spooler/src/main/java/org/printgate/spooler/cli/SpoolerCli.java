package org.printgate.spooler.cli;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.KeywordOrName;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.printgate.ipp.ExtraTypes;
import org.printgate.ipp.IppClient;
import org.printgate.protocol.PrintgateTypes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code printgate jobs | cancel | move}: the user's jobs on this workstation's spooler, and the
 * choices of fig. 7 from a terminal. Speaks IPP to the local spooler, which knows the OS user
 * running it from the kernel.
 */
@Command(name = "printgate", subcommands = {SpoolerCli.Jobs.class, SpoolerCli.Cancel.class, SpoolerCli.Move.class, SpoolerCli.Hold.class,
        SpoolerCli.Release.class},
        mixinStandardHelpOptions = true, description = "Your print jobs on this workstation's Printgate spooler.")
public final class SpoolerCli {
    @Option(names = "--spooler", description = "The local spooler over loopback TCP (default ${DEFAULT-VALUE}).",
            scope = CommandLine.ScopeType.INHERIT)
    URI spooler = URI.create("ipp://localhost:8631/");

    /** Where the packaged spooler listens; a checkout's launcher names its own with --socket. */
    static final Path INSTALLED_SOCKET = Path.of("/run/printgate/spooler.sock");

    @Option(names = "--socket", paramLabel = "PATH", description = "The spooler's Unix domain socket (default: "
            + "/run/printgate/spooler.sock when it exists, else --spooler).", scope = CommandLine.ScopeType.INHERIT)
    Path socket;

    // The spooler knows who runs this command from the kernel; the name is honoured only for
    // root and the spooler's trusted accounts (like lp -U).
    @Option(names = "--user", description = "Act for this user (root and trusted accounts only; default: you).",
            scope = CommandLine.ScopeType.INHERIT)
    String user = System.getProperty("user.name");

    private final IppClient ipp = new IppClient(Duration.ofSeconds(5), Duration.ofSeconds(30));
    private int requestId = 1;

    IppPacket send(Operation operation, List<Attribute<?>> attributes, AttributeGroup more) throws IOException {
        List<Attribute<?>> op = new ArrayList<>(List.of(Types.attributesCharset.of(ExtraTypes.charsetUtf8),
                Types.attributesNaturalLanguage.of("en")));
        op.addAll(attributes);
        op.add(Types.requestingUserName.of(user));
        List<AttributeGroup> groups = new ArrayList<>(List.of(AttributeGroup.groupOf(Tag.operationAttributes, op)));
        if (more != null) {
            groups.add(more);
        }
        IppPacket request = new IppPacket(0x0200, operation.getCode(), requestId++, groups);
        Path unixSocket = socket != null ? socket : Files.exists(INSTALLED_SOCKET) ? INSTALLED_SOCKET : null;
        IppPacket answer = unixSocket != null ? UnixSocketIpp.send(unixSocket, request) : ipp.send(spooler, request);
        if (answer.getStatus().getCode() >= 0x0400) {
            String message = answer.getString(Tag.operationAttributes, Types.statusMessage);
            throw new IOException(answer.getStatus().getName() + (message == null ? "" : ": " + message));
        }
        return answer;
    }

    URI jobUri(long id) {
        return spooler.resolve("/jobs/" + id);
    }

    @Command(name = "jobs", mixinStandardHelpOptions = true, description = "Lists your jobs: state and what each is waiting for.")
    static final class Jobs implements Callable<Integer> {
        @CommandLine.ParentCommand
        SpoolerCli cli;

        @Option(names = "--all", description = "Also finished jobs.")
        boolean all;

        @Override
        public Integer call() throws IOException {
            IppPacket answer = cli.send(Operation.getJobs, List.of(Types.printerUri.of(cli.spooler.resolve("/")),
                    Types.whichJobs.of(all ? "all" : "not-completed"), Types.myJobs.of(true),
                    Types.requestedAttributes.of("job-id", "job-name", "job-state", "job-state-message", "job-printer-uri")), null);
            System.out.printf("%-6s %-16s %-12s %-24s %s%n", "JOB", "PRINTER", "STATE", "NAME", "WHAT IS HAPPENING");
            for (AttributeGroup job : answer.getAttributeGroups()) {
                if (!job.getTag().equals(Tag.jobAttributes)) {
                    continue;
                }
                String printer = job.getValue(Types.jobPrinterUri).getPath().replaceFirst(".*/", "");
                System.out.printf("%-6d %-16s %-12s %-24s %s%n", job.getValue(Types.jobId), printer,
                        job.getValue(Types.jobState).getName(), job.getValue(Types.jobName).getValue(),
                        job.getValue(Types.jobStateMessage).getValue());
            }
            return 0;
        }
    }

    /** A command on one of the user's jobs, named by its number: one request, one line of answer. */
    abstract static class OnOneJob implements Callable<Integer> {
        @CommandLine.ParentCommand
        SpoolerCli cli;

        @Parameters(index = "0", paramLabel = "JOB")
        long job;

        /** Sends the request for {@link #job}; returns what to tell the user. */
        abstract String act(List<Attribute<?>> target) throws IOException;

        @Override
        public Integer call() throws IOException {
            System.out.println("job " + job + " " + act(List.of(Types.jobUri.of(cli.jobUri(job)))));
            return 0;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancels one of your jobs.")
    static final class Cancel extends OnOneJob {
        @Override
        String act(List<Attribute<?>> target) throws IOException {
            cli.send(Operation.cancelJob, target, null);
            return "canceled";
        }
    }

    @Command(name = "hold", mixinStandardHelpOptions = true, description = "Holds one of your jobs that is not in line yet.")
    static final class Hold extends OnOneJob {
        @Option(names = "--until", description = "indefinite (default), day-time, evening, night, second-shift, third-shift or weekend.")
        String until = "indefinite";

        @Override
        String act(List<Attribute<?>> target) throws IOException {
            List<Attribute<?>> request = new ArrayList<>(target);
            request.add(Types.jobHoldUntil.of(new KeywordOrName(until)));
            cli.send(Operation.holdJob, request, null);
            return "held (" + until + ")";
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true, description = "Releases one of your held jobs: it prints.")
    static final class Release extends OnOneJob {
        @Override
        String act(List<Attribute<?>> target) throws IOException {
            cli.send(Operation.releaseJob, target, null);
            return "released";
        }
    }

    @Command(name = "move", mixinStandardHelpOptions = true, description = "Moves one of your waiting jobs to another printer; it keeps its place by age.")
    static final class Move extends OnOneJob {
        @Parameters(index = "1", paramLabel = "PRINTER")
        String printer;

        @Override
        String act(List<Attribute<?>> target) throws IOException {
            cli.send(PrintgateTypes.moveJob, target,
                    AttributeGroup.groupOf(Tag.jobAttributes, Types.jobPrinterUri.of(cli.spooler.resolve("/printers/" + printer))));
            return "moved to " + printer;
        }
    }

    public static void main(String[] args) {
        CommandLine line = new CommandLine(new SpoolerCli());
        line.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("printgate: " + e.getMessage());
            return 1;
        });
        System.exit(line.execute(args));
    }
}
