package org.printgate.testing.peers;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs CUPS's {@code ipptool} in test-report mode ({@code -t}) against a printer URI and parses
 * the report into an {@link IppToolReport}. Test files are looked up by ipptool in the working
 * directory, then in {@code /usr/share/cups/ipptool}; give the working directory with
 * {@link #in}, because the files' {@code FILE} directives name documents relative to it.
 * <p>
 * Options (CUPS 2.4.2 {@code ipptool --help}):
 * {@code -I} ignore errors, i.e. run the tests after a failed one too;
 * {@code -R} repeat a test that gets {@code server-error-busy};
 * {@code -T seconds} timeout of each IPP request;
 * {@code -d name=value} define a variable; {@code -f file} the default document ({@code $filename},
 * its type in {@code $filetype}); {@code -4} IPv4 only; {@code -v} show every request and response
 * attribute. ipptool exits with 1 when a test fails, and stops at the first failure without -I.
 */
public final class IppTool {

    private final String printerUri;
    private final Map<String, String> defines = new LinkedHashMap<>();
    private Path directory;
    private boolean ignoreErrors;
    private boolean repeatWhenBusy;
    private boolean ipv4Only = true;
    private boolean verbose;
    private Duration requestTimeout;
    private String defaultFile;
    private Duration processTimeout = Duration.ofMinutes(10);

    private IppTool(String printerUri) {
        this.printerUri = printerUri;
    }

    public static IppTool against(URI printerUri) {
        return new IppTool(printerUri.toString());
    }

    public static IppTool against(String printerUri) {
        return new IppTool(printerUri);
    }

    /** Runs ipptool in {@code directory} (default: the JVM's working directory). */
    public IppTool in(Path directory) {
        this.directory = directory;
        return this;
    }

    /** {@code -I}: keep going after a failed test. */
    public IppTool ignoreErrors() {
        this.ignoreErrors = true;
        return this;
    }

    /** {@code -R}: repeat a request answered with {@code server-error-busy}. */
    public IppTool repeatWhenBusy() {
        this.repeatWhenBusy = true;
        return this;
    }

    /** {@code -T}: how long each IPP request may take. */
    public IppTool requestTimeout(Duration timeout) {
        this.requestTimeout = timeout;
        return this;
    }

    /** {@code -d name=value}. */
    public IppTool define(String name, String value) {
        defines.put(name, value);
        return this;
    }

    /** {@code -f}: the document the test files know as {@code $filename}. */
    public IppTool defaultFile(String file) {
        this.defaultFile = file;
        return this;
    }

    /** Allow IPv6 (ipptool is run with {@code -4} otherwise). */
    public IppTool anyIpVersion() {
        this.ipv4Only = false;
        return this;
    }

    /** {@code -v}: print every request and response attribute into the test details. */
    public IppTool verbose() {
        this.verbose = true;
        return this;
    }

    /** How long the whole ipptool run may take before it is killed (default 10 minutes). */
    public IppTool timeout(Duration timeout) {
        this.processTimeout = timeout;
        return this;
    }

    /** The command line {@link #run} executes. */
    public List<String> command(String... testFiles) {
        List<String> command = new ArrayList<>();
        command.add(PeerTools.require("ipptool").toString());
        if (ipv4Only) {
            command.add("-4");
        }
        if (ignoreErrors) {
            command.add("-I");
        }
        if (repeatWhenBusy) {
            command.add("-R");
        }
        if (requestTimeout != null) {
            command.add("-T");
            command.add(String.valueOf(Math.max(1, requestTimeout.toSeconds())));
        }
        defines.forEach((name, value) -> {
            command.add("-d");
            command.add(name + "=" + value);
        });
        if (defaultFile != null) {
            command.add("-f");
            command.add(defaultFile);
        }
        command.add("-t");
        if (verbose) {
            command.add("-v");
        }
        command.add(printerUri);
        command.addAll(List.of(testFiles));
        return command;
    }

    /** Runs the test files and returns the parsed report, whatever the outcome. */
    public IppToolReport run(String... testFiles) {
        if (testFiles.length == 0) {
            throw new IllegalArgumentException("No test file given");
        }
        ExternalCommand.Result result = ExternalCommand.of(command(testFiles)).in(directory).timeout(processTimeout).run();
        return IppToolReport.parse(result);
    }
}
