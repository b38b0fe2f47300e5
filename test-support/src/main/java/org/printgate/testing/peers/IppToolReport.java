package org.printgate.testing.peers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code ipptool -t} (CUPS 2.4.2) reported. Its test-report format, as seen running it:
 * <pre>
 * "/usr/share/cups/ipptool/ipp-1.1.test":
 *     RFC 8011 section 4.1.1: Bad request-id value 0                       [PASS]
 *     Print-Job with A4 PDF                                                [0001]   (a repeat: -R, busy)
 *     Print-Job with A4 PDF                                                [PASS]
 *     RFC 8011 section 4.2.6: Get-Jobs Operation (which-jobs=completed)    [FAIL]
 *         RECEIVED: 72 bytes in response
 *         status-code = successful-ok (successful-ok)
 *         EXPECTED: job-id
 *         GOT: overrides-supported="media"
 * Summary: 37 tests, 22 passed, 9 failed, 6 skipped
 * Score: 75%
 * </pre>
 * A test name is cut to 68 characters (ipptool pads with {@code %-68.68s}); match long names by
 * prefix. The indented lines under a result are its details: failure reasons, and the values
 * of {@code DISPLAY}ed attributes as {@code name (type) = value}. With {@code -v} the request
 * is printed before its result line; those lines land in {@link TestResult#request()}. An
 * included file ({@code INCLUDE}) gets its own {@code "file":} header. Fatal errors, such as a
 * {@code FILE} that cannot be read (which ends the run), go to stderr as {@code ipptool: …}.
 */
public record IppToolReport(int exitCode, List<TestResult> results, Optional<Summary> summary,
                            List<String> fatalErrors, String stdout, String stderr, Duration took) {

    public enum Outcome { PASS, FAIL, SKIP }

    /** One test of a test file. {@code name} is as printed: at most 68 characters. */
    public record TestResult(String file, String name, Outcome outcome, int repeats,
                             List<String> details, List<String> request) {

        /**
         * The value of an attribute the test {@code DISPLAY}s (or that {@code -v} prints), e.g.
         * {@code job-state} → {@code completed}.
         */
        public Optional<String> displayed(String attribute) {
            String prefix = attribute + " (";
            return details.stream()
                    .filter(line -> line.startsWith(prefix) && line.contains(") = "))
                    .map(line -> line.substring(line.indexOf(") = ") + 4))
                    .findFirst();
        }
    }

    /**
     * The closing "Summary:" line. It counts the named test file's own tests only, not those of
     * the files it INCLUDEs (ipp-everywhere.test: 433 of 500), and is missing when ipptool died
     * early. The results list has every test.
     */
    public record Summary(int tests, int passed, int failed, int skipped) {
    }

    private static final Pattern FILE_HEADER = Pattern.compile("^\"(.+)\":$");
    private static final Pattern RESULT = Pattern.compile("^ {4}(\\S.*?)\\s*\\[(PASS|FAIL|SKIP)]$");
    private static final Pattern REPEAT = Pattern.compile("^ {4}(\\S.*?)\\s*\\[(\\d{4,})]$");
    private static final Pattern REQUEST_HEADER = Pattern.compile("^ {4}(\\S.*):$");
    private static final Pattern DETAIL = Pattern.compile("^ {8}(.*)$");
    private static final Pattern SUMMARY =
            Pattern.compile("^Summary: (\\d+) tests, (\\d+) passed, (\\d+) failed, (\\d+) skipped$");

    /** Parses what an ipptool run printed. */
    public static IppToolReport parse(ExternalCommand.Result run) {
        List<TestResult> results = new ArrayList<>();
        Summary summary = null;
        String file = "";
        List<String> details = null;
        List<String> pendingRequest = new ArrayList<>();
        Map<String, Integer> repeats = new LinkedHashMap<>();
        for (String line : run.stdout().lines().toList()) {
            Matcher m;
            if ((m = FILE_HEADER.matcher(line)).matches()) {
                file = m.group(1);
                details = null;
            } else if ((m = RESULT.matcher(line)).matches()) {
                details = new ArrayList<>();
                String name = m.group(1);
                results.add(new TestResult(file, name, Outcome.valueOf(m.group(2)),
                        repeats.getOrDefault(name, 0), details, List.copyOf(pendingRequest)));
                repeats.remove(name);
                pendingRequest.clear();
            } else if ((m = REPEAT.matcher(line)).matches()) {
                repeats.merge(m.group(1), 1, Integer::sum);
            } else if ((m = REQUEST_HEADER.matcher(line)).matches()) {
                // -v: the request of the next test follows.
                details = pendingRequest;
                details.add(m.group(1) + ":");
            } else if ((m = DETAIL.matcher(line)).matches() && details != null) {
                details.add(m.group(1));
            } else if ((m = SUMMARY.matcher(line)).matches()) {
                summary = new Summary(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
                details = null;
            }
        }
        List<TestResult> frozen = results.stream()
                .map(r -> new TestResult(r.file(), r.name(), r.outcome(), r.repeats(), List.copyOf(r.details()),
                        r.request()))
                .toList();
        List<String> fatal = run.stderr().lines().filter(l -> l.startsWith("ipptool:")).toList();
        return new IppToolReport(run.exitCode(), frozen, Optional.ofNullable(summary), fatal,
                run.stdout(), run.stderr(), run.took());
    }

    public List<String> passed() {
        return names(Outcome.PASS);
    }

    public List<String> failed() {
        return names(Outcome.FAIL);
    }

    public List<String> skipped() {
        return names(Outcome.SKIP);
    }

    /** Each failed test's name with its detail lines (EXPECTED/GOT/status lines). */
    public Map<String, List<String>> failureReasons() {
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        results.stream().filter(r -> r.outcome() == Outcome.FAIL)
                .forEach(r -> reasons.merge(r.name(), r.details(), (a, b) -> {
                    List<String> both = new ArrayList<>(a);
                    both.addAll(b);
                    return both;
                }));
        return reasons;
    }

    /** The first result whose name starts with {@code namePrefix}. */
    public Optional<TestResult> result(String namePrefix) {
        return results.stream().filter(r -> r.name().startsWith(namePrefix)).findFirst();
    }

    /** True when ipptool got through all its tests: no fatal error. */
    public boolean ranToCompletion() {
        return fatalErrors.isEmpty();
    }

    /**
     * Fails unless ipptool ran to completion and every failed test's name starts with one of
     * {@code knownFailurePrefixes} (a failure that is the test file's fault, not the printer's).
     */
    public IppToolReport assertNoFailuresExcept(String... knownFailurePrefixes) {
        List<TestResult> unexpected = results.stream()
                .filter(r -> r.outcome() == Outcome.FAIL)
                .filter(r -> List.of(knownFailurePrefixes).stream().noneMatch(r.name()::startsWith))
                .toList();
        if (!ranToCompletion() || !unexpected.isEmpty() || results.isEmpty()) {
            throw new AssertionError(describe(unexpected));
        }
        return this;
    }

    public IppToolReport assertNoFailures() {
        return assertNoFailuresExcept();
    }

    /** Counts, fatal errors and every failed test with its reasons: the text a failure message needs. */
    public String describe() {
        return describe(results.stream().filter(r -> r.outcome() == Outcome.FAIL).toList());
    }

    private String describe(List<TestResult> failures) {
        StringBuilder text = new StringBuilder("ipptool exit code ").append(exitCode)
                .append(" after ").append(took.toSeconds()).append(" s: ")
                .append(passed().size()).append(" passed, ").append(failed().size()).append(" failed, ")
                .append(skipped().size()).append(" skipped");
        summary.ifPresent(s -> text.append(" (ipptool's summary: ").append(s).append(')'));
        if (results.isEmpty()) {
            text.append("\nNo test results parsed. stdout:\n").append(DaemonProcess.tail(stdout, 40));
        }
        fatalErrors.forEach(e -> text.append("\nFATAL: ").append(e));
        for (TestResult failure : failures) {
            text.append("\n[FAIL] ").append(failure.name()).append("  (").append(failure.file()).append(')');
            failure.details().forEach(d -> text.append("\n        ").append(d));
        }
        return text.toString();
    }

    private List<String> names(Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).map(TestResult::name).toList();
    }
}
