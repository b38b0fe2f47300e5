package org.printgate.engine.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.printgate.engine.Engine;
import org.printgate.engine.auth.Credential;
import org.printgate.engine.auth.Role;
import org.printgate.engine.report.AccountingCsv;
import org.printgate.engine.report.AccountingReport;
import org.printgate.ipp.Unauthenticated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's web console under {@code /console} on the engine's port (issue 17): login,
 * dashboard, printers, jobs, reports, clients, audit log. Pages are jte templates (src/main/jte), escaped by
 * default; every change is a POST carrying the session's CSRF token, answered by a redirect
 * (post/redirect/get). Operators may act; auditors only read. Requests run on Undertow's worker
 * threads (an action waits for the store's commit there, never on an I/O thread).
 */
public final class Console implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(Console.class);
    static final String PREFIX = "/console";
    private static final String CSP = "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final ConsoleSessions sessions;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final EngineViews views;
    private final ConsoleActions actions;
    private final Engine engine;
    private final boolean secure;
    private final Clock clock;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final ConsoleAssets assets = new ConsoleAssets();

    /**
     * @param dataDirectory where the audit log is kept
     * @param secure the port speaks TLS: the cookie is then {@code Secure}
     */
    public Console(Engine engine, Path dataDirectory, Clock clock, boolean secure) {
        this.engine = engine;
        this.sessions = new ConsoleSessions(clock);
        this.throttle = new LoginThrottle(clock);
        this.audit = new AuditLog(dataDirectory);
        this.views = new EngineViews(engine, clock);
        this.actions = new ConsoleActions(engine, audit, clock);
        this.secure = secure;
        this.clock = clock;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        ConsoleRequest request = new ConsoleRequest(exchange);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
        exchange.getResponseHeaders().put(Headers.REFERRER_POLICY, "same-origin");
        exchange.getResponseHeaders().put(Headers.CONTENT_SECURITY_POLICY, CSP);
        try {
            serve(request);
        } catch (IllegalArgumentException e) {
            log.warn("console: bad request {} {} from {}: {}", exchange.getRequestMethod(), request.path, request.address(), e.getMessage());
            error(request, StatusCodes.BAD_REQUEST, "Bad request: " + e.getMessage());
        } catch (RuntimeException e) {
            log.error("console: {} {} failed", exchange.getRequestMethod(), request.path, e);
            error(request, StatusCodes.INTERNAL_SERVER_ERROR, "The engine could not answer this page; see its log.");
        }
    }

    private void serve(ConsoleRequest request) throws IOException {
        String path = request.path;
        if (path.startsWith("/assets/")) {
            asset(request, path.substring("/assets/".length()));
            return;
        }
        if (path.equals("/login")) {
            if (request.post) {
                login(request);
            } else {
                render(request, 200, "login.jte", Map.of("error", "", "username", ""));
            }
            return;
        }
        Optional<ConsoleSessions.Session> found = sessions.find(request.sessionId());
        if (found.isEmpty() && request.fromHtmx()) {
            // The dashboard's own update after the session ended: htmx takes the whole page to the login.
            request.exchange.getResponseHeaders().put(ConsoleRequest.HX_REDIRECT, PREFIX + "/login");
            request.exchange.endExchange();
            return;
        }
        if (found.isEmpty()) {
            // Nothing about queues or jobs before a login: pages lead to the login, changes are refused.
            if (request.post) {
                log.warn("console: POST {} without a session from {}", path, request.address());
                error(request, StatusCodes.FORBIDDEN, "Sign in first.");
            } else {
                redirect(request, PREFIX + "/login");
            }
            return;
        }
        ConsoleSessions.Session session = found.get();
        if (request.post) {
            if (!session.hasCsrfToken(request.field("csrf")) || request.fromAnotherSite()) {
                log.warn("console: POST {} by {} from {} refused: missing or wrong CSRF token, or from another site ({})",
                        path, session.credential.name(), request.address(), request.siteHeaders());
                error(request, StatusCodes.FORBIDDEN, "This form is stale or did not come from the console. Reload the page and try again.");
                return;
            }
            if (path.equals("/logout")) {
                logout(request, session);
                return;
            }
            if (!session.mayAct()) {
                log.warn("console: {} ({}) may not {}", session.credential.name(), session.credential.role(), path);
                audit.append(new AuditLog.Entry(clock.instant(), session.credential.name(), request.address(),
                        "POST " + path, "", "refused: read-only role"));
                error(request, StatusCodes.FORBIDDEN, "Your role may look but not act.");
                return;
            }
            String back = actions.perform(request, session, path);
            redirect(request, PREFIX + back);
            return;
        }
        page(request, session, path);
    }

    private void page(ConsoleRequest request, ConsoleSessions.Session session, String path) throws IOException {
        String[] parts = path.split("/");
        String section = parts.length > 1 ? parts[1] : "";
        Views.Page page = new Views.Page(session.credential.name(), session.credential.role().name().toLowerCase(java.util.Locale.ROOT),
                session.mayAct(), session.csrfToken, section, takeNotice(session));
        Map<String, Object> model = new HashMap<>();
        model.put("page", page);
        if (path.equals("/") || path.equals("/dashboard")) {
            model.put("dashboard", views.dashboard());
            render(request, 200, "dashboard.jte", model);
        } else if (path.equals("/printers")) {
            model.put("printers", views.printers(pageNumber(request), request.query("find").strip()));
            render(request, 200, "printers.jte", model);
        } else if (parts.length == 3 && section.equals("printers")) {
            Optional<Views.Printer> printer = views.printer(parts[2]);
            if (printer.isEmpty()) {
                error(request, StatusCodes.NOT_FOUND, "No printer " + parts[2] + ".");
                return;
            }
            model.put("printer", printer.get());
            model.put("jobs", views.recentJobs(printer.get().name()));
            // Removed while this page was drawn: a bad request, not an error of the engine.
            model.put("setup", views.setup(printer.get().name())
                    .orElseThrow(() -> new IllegalArgumentException("no printer " + parts[2])));
            render(request, 200, "printer.jte", model);
        } else if (parts.length == 4 && section.equals("printers") && parts[3].equals("remove")) {
            Optional<Views.Printer> printer = views.printer(parts[2]);
            if (printer.isEmpty()) {
                error(request, StatusCodes.NOT_FOUND, "No printer " + parts[2] + ".");
                return;
            }
            model.put("printer", printer.get());
            render(request, 200, "printerRemove.jte", model);
        } else if (path.equals("/jobs")) {
            String state = request.query("state").isEmpty() ? "live" : request.query("state");
            if (!EngineViews.JOB_STATES.contains(state)) {
                throw new IllegalArgumentException("state must be one of " + EngineViews.JOB_STATES);
            }
            model.put("jobs", views.jobs(new EngineViews.JobsQuery(request.query("user"), request.query("printer"), state,
                    request.query("from"), request.query("to")), before(request)));
            model.put("states", EngineViews.JOB_STATES);
            render(request, 200, "jobs.jte", model);
        } else if (parts.length == 4 && section.equals("jobs") && (parts[3].equals("cancel") || parts[3].equals("move"))) {
            Optional<Views.Job> job = views.job(ConsoleActions.jobId(parts[2]));
            if (job.isEmpty()) {
                error(request, StatusCodes.NOT_FOUND, "No job " + parts[2] + ".");
                return;
            }
            model.put("job", job.get());
            model.put("printers", views.printerNames());
            render(request, 200, parts[3].equals("cancel") ? "jobCancel.jte" : "jobMove.jte", model);
        } else if (path.equals("/reports")) {
            model.put("report", views.report(views.reportQuery(request.query("by"), request.query("from"), request.query("to"))));
            render(request, 200, "reports.jte", model);
        } else if (path.equals("/reports.csv")) {
            reportCsv(request, session);
        } else if (path.equals("/rows.csv")) {
            rowsCsv(request, session);
        } else if (path.equals("/clients")) {
            model.put("clients", views.clients());
            render(request, 200, "clients.jte", model);
        } else if (path.equals("/audit.csv")) {
            auditCsv(request, session);
        } else if (path.equals("/audit")) {
            model.put("lines", audit.recent(500).stream().map(e -> new Views.AuditLine(e.at().toString(), e.user(),
                    e.address(), e.action(), e.target(), e.outcome())).toList());
            render(request, 200, "audit.jte", model);
        } else {
            error(request, StatusCodes.NOT_FOUND, "No such page.");
        }
    }

    /** A report's rows as CSV, all of them: one per user, domain, printer or period of the range. */
    private void reportCsv(ConsoleRequest request, ConsoleSessions.Session session) throws IOException {
        EngineViews.ReportQuery query = views.reportQuery(request.query("by"), request.query("from"), request.query("to"));
        List<AccountingReport.Row> rows = new AccountingReport(engine.accounting()).query(query.by(), query.from(), query.to());
        csvHeaders(request, "accounting-by-" + query.by().keyword() + "-" + query.from() + "-" + query.to() + ".csv");
        AccountingCsv.writeReport(query.by(), rows, request.exchange.getOutputStream());
        audit.append(new AuditLog.Entry(clock.instant(), session.credential.name(), request.address(),
                "export report", query.text(), rows.size() + " rows"));
        request.exchange.endExchange();
    }

    /** Every accounting row of the range, streamed as it is read: any size, never held. */
    private void rowsCsv(ConsoleRequest request, ConsoleSessions.Session session) throws IOException {
        LocalDate from = EngineViews.date("from", request.query("from"));
        LocalDate to = EngineViews.date("to", request.query("to"));
        AccountingReport.checkRange(from, to);
        csvHeaders(request, "accounting-rows-" + from + "-" + to + ".csv");
        long count = AccountingCsv.writeRows(engine.accounting(), from, to, request.exchange.getOutputStream());
        audit.append(new AuditLog.Entry(clock.instant(), session.credential.name(), request.address(),
                "export rows", "from=" + from + "&to=" + to, count + " rows"));
        request.exchange.endExchange();
    }

    /** The audit log's entries of a range of days (UTC; all when none is given), streamed as CSV. */
    private void auditCsv(ConsoleRequest request, ConsoleSessions.Session session) throws IOException {
        String fromText = request.query("from");
        String toText = request.query("to");
        java.time.Instant from = fromText.isEmpty() ? java.time.Instant.EPOCH : EngineViews.moment("from", fromText, false);
        java.time.Instant to = toText.isEmpty() ? java.time.Instant.MAX : EngineViews.moment("to", toText, true);
        csvHeaders(request, "console-audit" + (fromText.isEmpty() ? "" : "-" + fromText) + (toText.isEmpty() ? "" : "-" + toText) + ".csv");
        long count = audit.export(from, to, request.exchange.getOutputStream());
        audit.append(new AuditLog.Entry(clock.instant(), session.credential.name(), request.address(),
                "export audit", "from=" + fromText + "&to=" + toText, count + " entries"));
        request.exchange.endExchange();
    }

    private static void csvHeaders(ConsoleRequest request, String fileName) {
        request.exchange.startBlocking();
        request.exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/csv; charset=utf-8; header=present");
        request.exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
    }

    /** The job id a page of jobs starts below: 0 (the newest) unless given. */
    private static long before(ConsoleRequest request) {
        String before = request.query("before");
        try {
            long id = before.isEmpty() ? 0 : Long.parseLong(before);
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("before must be a job id");
        }
    }

    /** The page of a list, from 1. */
    private static int pageNumber(ConsoleRequest request) {
        String page = request.query("page");
        try {
            int n = page.isEmpty() ? 1 : Integer.parseInt(page);
            if (n < 1 || n > 1_000_000) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("page must be a number from 1");
        }
    }

    private static String takeNotice(ConsoleSessions.Session session) {
        String notice = session.notice;
        session.notice = "";
        return notice;
    }

    /**
     * Checks a login against the engine's credentials (PBKDF2 passwords, as Basic over IPP).
     * Only operators and auditors may sign in. A failure is logged and makes the account and the
     * address wait ({@link LoginThrottle}); an attempt within the wait is answered 429 unchecked.
     */
    private void login(ConsoleRequest request) throws IOException {
        String user = request.field("username");
        String password = request.field("password");
        String address = request.address();
        if (request.fromAnotherSite()) {
            log.warn("console: login for {} from {} refused: posted from another site ({})", user, address, request.siteHeaders());
            error(request, StatusCodes.FORBIDDEN, "This form did not come from the console.");
            return;
        }
        Duration wait = throttle.wait(user, address);
        if (!wait.isZero()) {
            log.warn("console: login for {} from {} refused: retried {} ms too early", user, address, wait.toMillis());
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            request.exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(seconds));
            render(request, StatusCodes.TOO_MANY_REQUESTS, "login.jte", Map.of("username", user,
                    "error", "Too many failed attempts. Wait " + seconds + " s and try again."));
            return;
        }
        Credential credential = check(user, password);
        if (credential == null || !(credential.isOperator() || credential.role() == Role.AUDITOR)) {
            Duration imposed = throttle.failed(user, address);
            log.warn("console: failed login for {} from {} (next attempt in {} ms)", user, address, imposed.toMillis());
            audit.append(new AuditLog.Entry(clock.instant(), user, address, "login", "", "refused"));
            render(request, StatusCodes.UNAUTHORIZED, "login.jte", Map.of("username", user,
                    "error", "Wrong user name or password, or not an operator or auditor."));
            return;
        }
        throttle.succeeded(user);
        Optional<ConsoleSessions.Session> session = sessions.open(credential);
        if (session.isEmpty()) {
            log.error("console: too many sessions; login for {} refused", user);
            error(request, StatusCodes.SERVICE_UNAVAILABLE, "Too many people are signed in.");
            return;
        }
        log.info("console: {} ({}) signed in from {}", user, credential.role(), address);
        audit.append(new AuditLog.Entry(clock.instant(), user, address, "login", "", "ok"));
        request.exchange.getResponseHeaders().add(Headers.SET_COOKIE, cookie(session.get().id, -1));
        redirect(request, PREFIX + "/dashboard");
    }

    private Credential check(String user, String password) {
        if (user.isEmpty() || user.contains(":")) {
            return null;
        }
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            return engine.authenticator().authenticate("Basic " + basic);
        } catch (Unauthenticated e) {
            return null;
        }
    }

    private void logout(ConsoleRequest request, ConsoleSessions.Session session) {
        sessions.close(session.id);
        log.info("console: {} signed out", session.credential.name());
        audit.append(new AuditLog.Entry(clock.instant(), session.credential.name(), request.address(), "logout", "", "ok"));
        request.exchange.getResponseHeaders().add(Headers.SET_COOKIE, cookie("", 0));
        redirect(request, PREFIX + "/login");
    }

    /** The session cookie: script-proof, same-site only, under /console only; Secure under TLS. */
    private String cookie(String value, int maxAge) {
        return ConsoleRequest.COOKIE + "=" + value + "; Path=" + PREFIX + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "") + (maxAge >= 0 ? "; Max-Age=" + maxAge : "");
    }

    private void asset(ConsoleRequest request, String name) {
        Optional<ConsoleAssets.Asset> asset = assets.find(name);
        if (asset.isEmpty()) {
            error(request, StatusCodes.NOT_FOUND, "No such file.");
            return;
        }
        request.exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, asset.get().contentType());
        request.exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "max-age=3600");
        request.exchange.getResponseSender().send(java.nio.ByteBuffer.wrap(asset.get().bytes()));
    }

    private void render(ConsoleRequest request, int status, String template, Map<String, Object> model) {
        StringOutput out = new StringOutput();
        templates.render(template, model, out);
        request.exchange.setStatusCode(status);
        request.exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        request.exchange.getResponseSender().send(out.toString());
    }

    private void error(ConsoleRequest request, int status, String message) {
        render(request, status, "error.jte", Map.of("status", status, "message", message));
    }

    private static void redirect(ConsoleRequest request, String location) {
        request.exchange.setStatusCode(StatusCodes.SEE_OTHER);
        request.exchange.getResponseHeaders().put(Headers.LOCATION, location);
        request.exchange.endExchange();
    }
}
