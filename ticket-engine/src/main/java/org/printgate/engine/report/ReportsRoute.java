package org.printgate.engine.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Deque;
import java.util.List;
import org.printgate.engine.auth.Credential;
import org.printgate.engine.store.AccountingStore;
import org.printgate.ipp.Unauthenticated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounting over HTTP, for scripts, the admin CLI and the console (docs/reports.md), served
 * under {@code /reports} on the engine's port:
 * <ul>
 * <li>{@code GET /reports/accounting?by=user|domain|printer|day|week|month&from=YYYY-MM-DD&to=YYYY-MM-DD&format=json|csv}:
 *     a report from the daily totals (JSON by default);</li>
 * <li>{@code GET /reports/accounting/rows.csv?from=&to=}: the raw rows of jobs that ended in
 *     those days, streamed (chunked) as they are read from the store.</li>
 * </ul>
 * Basic or Bearer credentials of an operator or auditor ({@link ReportAccess}); 401 without,
 * 403 for others, 400 with the reason for a bad parameter. Runs on a worker thread (blocking).
 */
public final class ReportsRoute implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(ReportsRoute.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AccountingStore store;
    private final AccountingReport report;
    private final ReportAccess access;

    public ReportsRoute(AccountingStore store, ReportAccess access) {
        this.store = store;
        this.report = new AccountingReport(store);
        this.access = access;
    }

    /** A parameter the request got wrong: answered 400 with this message. */
    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    /** The JSON answer of a report. */
    record ReportAnswer(String by, String from, String to, String zone, List<AccountingReport.Row> rows) {}

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        // Password checks and store reads block: not on an I/O thread.
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        exchange.startBlocking();
        try {
            Credential reader = access.check(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION));
            if (!exchange.getRequestMethod().equals(Methods.GET)) {
                exchange.getResponseHeaders().put(Headers.ALLOW, "GET");
                plain(exchange, StatusCodes.METHOD_NOT_ALLOWED, "only GET here");
                return;
            }
            switch (exchange.getRelativePath()) {
                case "/accounting", "/accounting/" -> report(exchange, reader);
                case "/accounting/rows.csv" -> rows(exchange, reader);
                default -> plain(exchange, StatusCodes.NOT_FOUND,
                        "no such report; see /reports/accounting and /reports/accounting/rows.csv");
            }
        } catch (Unauthenticated e) {
            log.info("{} {}: refused, {}", exchange.getRequestMethod(), exchange.getRequestPath(), e.getMessage());
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, e.challenge());
            plain(exchange, StatusCodes.UNAUTHORIZED, "credentials of an operator or auditor are needed: " + e.getMessage());
        } catch (ReportAccess.Forbidden e) {
            log.info("{} {}: refused, {}", exchange.getRequestMethod(), exchange.getRequestPath(), e.getMessage());
            plain(exchange, StatusCodes.FORBIDDEN, e.getMessage());
        } catch (BadRequest | IllegalArgumentException e) {
            log.info("{} {}?{}: bad request, {}", exchange.getRequestMethod(), exchange.getRequestPath(),
                    exchange.getQueryString(), e.getMessage());
            plain(exchange, StatusCodes.BAD_REQUEST, e.getMessage());
        }
    }

    private void report(HttpServerExchange exchange, Credential reader) throws IOException {
        AccountingReport.By by = AccountingReport.By.parse(required(exchange, "by"));
        LocalDate from = date(exchange, "from");
        LocalDate to = date(exchange, "to");
        String format = optional(exchange, "format", "json");
        if (!format.equals("json") && !format.equals("csv")) {
            throw new BadRequest("format must be json or csv, not " + format);
        }
        List<AccountingReport.Row> rows = report.query(by, from, to);
        log.debug("{}: accounting report by {} from {} to {}, {} rows", reader.name(), by.keyword(), from, to, rows.size());
        if (format.equals("csv")) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/csv; charset=utf-8; header=present");
            exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION,
                    "attachment; filename=\"accounting-by-" + by.keyword() + "-" + from + "-" + to + ".csv\"");
            AccountingCsv.writeReport(by, rows, exchange.getOutputStream());
        } else {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
            JSON.writeValue(exchange.getOutputStream(), new ReportAnswer(by.keyword(), from.toString(), to.toString(),
                    store.accountingZone().getId(), rows));
        }
        exchange.endExchange();
    }

    private void rows(HttpServerExchange exchange, Credential reader) throws IOException {
        LocalDate from = date(exchange, "from");
        LocalDate to = date(exchange, "to");
        AccountingReport.checkRange(from, to);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/csv; charset=utf-8; header=present");
        exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION,
                "attachment; filename=\"accounting-rows-" + from + "-" + to + ".csv\"");
        // No Content-Length: HTTP/1.1 sends it chunked, each chunk as Undertow's buffer fills.
        OutputStream out = exchange.getOutputStream();
        long count = AccountingCsv.writeRows(store, from, to, out);
        log.info("{}: exported {} accounting rows from {} to {}", reader.name(), count, from, to);
        exchange.endExchange();
    }

    private static String required(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        if (values == null || values.isEmpty() || values.getFirst().isBlank()) {
            throw new BadRequest(name + " is missing" + (name.equals("by") ? " (user, domain, printer, day, week or month)" : ""));
        }
        return values.getFirst().trim();
    }

    private static String optional(HttpServerExchange exchange, String name, String otherwise) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() || values.getFirst().isBlank() ? otherwise : values.getFirst().trim();
    }

    private static LocalDate date(HttpServerExchange exchange, String name) {
        String value = required(exchange, name);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequest(name + " must be a date as YYYY-MM-DD, not " + value);
        }
    }

    private static void plain(HttpServerExchange exchange, int status, String message) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send(message + "\n", StandardCharsets.UTF_8);
    }
}
