package org.printgate.bench.engine;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.printgate.engine.Engine;
import org.printgate.engine.report.AccountingReport;
import org.printgate.engine.ticket.BenchAccountingRows;
import org.printgate.engine.ticket.Ticket;

/**
 * The operator's console on a large site (issue 17, "Tests and figures"): the capacity phase's
 * engine, restarted with its queues and waiting tickets, gets {@code rows} accounting rows over
 * the 30 days before today (10,000 users, spread over every queue); then one operator, signed
 * in, asks each page {@code samples} times after three warm-up requests. Each figure is the
 * 95th percentile of the whole request, body read, over one kept-alive HTTP/1.1 connection.
 */
final class ConsoleRun {
    /** The pages' p95 in milliseconds, by the bench's key, and how the rows were loaded. */
    record Result(long rows, double loadSeconds, Map<String, Double> p95Millis) {}

    static final int USERS = 10_000;
    static final int DAYS = 30;
    private static final int ROWS_PER_COMMIT = 5_000;
    /** Accounting rows' job ids: far above any ticket of the run. */
    private static final long FIRST_ROW_ID = 1_000_000_000L;

    private ConsoleRun() {}

    static Result run(Engine engine, int queues, long rows, int samples) throws IOException, InterruptedException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate first = today.minusDays(DAYS);
        long loadStart = System.nanoTime();
        loadRows(engine, queues, rows, first);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        System.err.printf("bench: console: %d accounting rows stored in %.1f s%n", rows, loadSeconds);
        // The totals kept at commit time must count every row stored.
        long counted = new AccountingReport(engine.accounting()).query(AccountingReport.By.DAY, first, today).stream()
                .mapToLong(AccountingReport.Row::jobs).sum();
        if (counted != rows) {
            throw new IllegalStateException("the accounting totals count " + counted + " jobs; " + rows + " were stored");
        }

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String base = "http://127.0.0.1:" + engine.port() + "/console";
        String cookie = signIn(http, base);
        String month = "&from=" + first + "&to=" + today.minusDays(1);
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("console_dashboard_p95_ms", "/dashboard");
        pages.put("console_printers_p95_ms", "/printers");
        pages.put("console_printers_last_page_p95_ms", "/printers?page=" + Math.max(1, (queues + 99) / 100));
        pages.put("console_jobs_p95_ms", "/jobs");
        // A user with no job: the page looks at its budget of tickets and offers the next.
        pages.put("console_jobs_rare_user_p95_ms", "/jobs?state=all&user=" + URLEncoder.encode("nobody@bench", StandardCharsets.UTF_8));
        pages.put("report_month_by_user_p95_ms", "/reports?by=user" + month);
        pages.put("report_month_by_printer_p95_ms", "/reports?by=printer" + month);
        pages.put("report_month_by_day_p95_ms", "/reports?by=day" + month);
        Map<String, Double> p95 = new LinkedHashMap<>();
        for (Map.Entry<String, String> page : pages.entrySet()) {
            p95.put(page.getKey(), p95Millis(http, URI.create(base + page.getValue()), "Cookie", cookie, samples));
            System.err.printf("bench: console: %s %.1f ms%n", page.getValue(), p95.get(page.getKey()));
        }
        // The /metrics scrape, as Prometheus asks for it: an operator's Basic password on each request.
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (BenchConfigurations.OPERATOR + ":" + BenchConfigurations.OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
        p95.put("metrics_scrape_p95_ms", p95Millis(http, URI.create("http://127.0.0.1:" + engine.port() + "/metrics"),
                "Authorization", basic, samples));
        System.err.printf("bench: console: /metrics %.1f ms%n", p95.get("metrics_scrape_p95_ms"));
        return new Result(rows, loadSeconds, p95);
    }

    /** Rows in commits of thousands, ended on the 30 days before today, as many on each. */
    private static void loadRows(Engine engine, int queues, long rows, LocalDate first) {
        long firstMillis = first.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long dayMillis = 86_400_000L;
        List<Ticket> batch = new ArrayList<>(ROWS_PER_COMMIT);
        for (long r = 0; r < rows; r++) {
            long ended = firstMillis + (r % DAYS) * dayMillis + (r * 7_919) % dayMillis;
            String user = "user-%05d@bench".formatted(r % USERS);
            String queue = CapacityRun.queueName((int) ((r * 31) % queues));
            batch.add(BenchAccountingRows.completed(FIRST_ROW_ID + r, queue, user, "holder-" + r % 1000,
                    1 + (int) (r % 20), ended - 60_000, ended));
            if (batch.size() == ROWS_PER_COMMIT || r == rows - 1) {
                List<Ticket> rowsOfCommit = List.copyOf(batch);
                engine.apply(() -> BenchAccountingRows.changeOf(rowsOfCommit));
                batch.clear();
                if ((r + 1) % 500_000 < ROWS_PER_COMMIT) {
                    System.err.printf("bench: console: %d of %d accounting rows stored%n", r + 1, rows);
                }
            }
        }
    }

    /** Signs in as the bench's operator; the session cookie. */
    static String signIn(HttpClient http, String base) throws IOException, InterruptedException {
        String form = "username=" + BenchConfigurations.OPERATOR + "&password=" + BenchConfigurations.OPERATOR_PASSWORD;
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String setCookie = answer.headers().firstValue("Set-Cookie").orElseThrow(
                () -> new IOException("console login: HTTP " + answer.statusCode() + ", no session: " + answer.body()));
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** The p95 of {@code samples} GETs of {@code page} carrying one header (the session's cookie, or a credential), after 3 unmeasured. */
    private static double p95Millis(HttpClient http, URI page, String header, String value, int samples)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(page).header(header, value).build();
        long[] nanos = new long[samples];
        for (int i = -3; i < samples; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long took = System.nanoTime() - start;
            if (answer.statusCode() != 200) {
                throw new IOException(page + ": HTTP " + answer.statusCode() + "\n" + new String(answer.body(), StandardCharsets.UTF_8));
            }
            if (i >= 0) {
                nanos[i] = took;
            }
        }
        Arrays.sort(nanos);
        return nanos[(int) Math.ceil(samples * 0.95) - 1] / 1e6;
    }
}
