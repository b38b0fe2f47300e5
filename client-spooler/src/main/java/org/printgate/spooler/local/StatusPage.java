package org.printgate.spooler.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.printgate.ipp.HttpResource;
import org.printgate.ipp.IppException;
import org.printgate.spooler.identity.LocalCaller;
import org.printgate.spooler.spool.Phase;
import org.printgate.spooler.spool.SpoolJob;
import org.printgate.spooler.spool.SpoolJobs;

/**
 * The user's page at {@code http://127.0.0.1:8631/}: their jobs, what each is waiting for, and
 * for a job whose printer is down the three choices of fig. 7 — cancel, move to another printer,
 * or wait. Actions carry a token that only this page knows, so another web site open in the same
 * browser cannot make them (cross-site request forgery): it can send a request, not read the page.
 */
final class StatusPage {
    private final LocalPrinters printers;
    private final SpoolJobs jobs;
    private final String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private final JobActions actions;

    StatusPage(LocalPrinters printers, SpoolJobs jobs, JobActions actions) {
        this.printers = printers;
        this.jobs = jobs;
        this.actions = actions;
    }

    /** The page of the local account behind the connection (a {@code ?user=} in the address changes nothing). */
    Optional<HttpResource> get(String pathAndQuery, LocalCaller caller) {
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        Map<String, String> query = parse(question < 0 ? "" : pathAndQuery.substring(question + 1));
        if (caller.account() == null) {
            return Optional.of(HttpResource.html("<!DOCTYPE html><html><body><p>The spooler cannot tell which local account"
                    + " this connection comes from.</p></body></html>"));
        }
        // A forwarder (root, lp) may be showing a user's page, as CUPS's web interface does for the user it names.
        String user = caller.forwarder() ? query.getOrDefault("user", caller.account()) : caller.account();
        if (path.equals("/")) {
            return Optional.of(HttpResource.html(render(user, "")));
        }
        if (path.equals("/act")) {
            return Optional.of(HttpResource.html(render(user, act(user, query))));
        }
        if (path.startsWith(LocalPrinter.PATH_PREFIX)) {
            return Optional.of(HttpResource.html(render(user, "")));
        }
        return Optional.empty();
    }

    private String act(String user, Map<String, String> query) {
        if (!token.equals(query.get("token"))) {
            return "That link is stale: reload the page and try again.";
        }
        long id;
        try {
            id = Long.parseLong(query.getOrDefault("job", ""));
        } catch (NumberFormatException e) {
            return "No such job.";
        }
        Optional<SpoolJob> found = jobs.get(id).filter(job -> job.ownedBy(user));
        if (found.isEmpty()) {
            return "Job " + id + " is not one of yours.";
        }
        SpoolJob job = found.get();
        try {
            switch (query.getOrDefault("do", "")) {
                case "cancel" -> {
                    actions.cancel(job);
                    return "Job " + id + " is canceled.";
                }
                case "move" -> {
                    String to = query.getOrDefault("to", "");
                    actions.move(job, to);
                    return "Job " + id + " moved to " + to + ".";
                }
                case "wait" -> {
                    return "Job " + id + " waits for " + job.queue() + ".";
                }
                default -> {
                    return "Unknown action.";
                }
            }
        } catch (IppException e) {
            return "Could not do that: " + e.getMessage();
        }
    }

    private String render(String user, String notice) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Printgate — ").append(escape(user))
                .append("'s print jobs</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                        + "td,th{border-bottom:1px solid #ccc;padding:.3em .8em;text-align:left}.down{color:#b00}"
                        + ".notice{background:#ffd;padding:.5em}</style></head><body><h1>Print jobs of ")
                .append(escape(user)).append("</h1>");
        if (!notice.isEmpty()) {
            html.append("<p class=\"notice\">").append(escape(notice)).append("</p>");
        }
        html.append("<table><tr><th>Job</th><th>Name</th><th>Printer</th><th>State</th><th>What is happening</th><th></th></tr>");
        for (SpoolJob job : jobs.all()) {
            if (!job.ownedBy(user)) {
                continue;
            }
            boolean down = printers.get(job.queue()).map(p -> !p.up()).orElse(false);
            html.append("<tr><td>").append(job.id()).append("</td><td>").append(escape(job.name())).append("</td><td")
                    .append(down ? " class=\"down\"" : "").append(">").append(escape(job.queue())).append("</td><td>")
                    .append(job.phase().jobState().getName()).append("</td><td>").append(escape(job.message()))
                    .append("</td><td>");
            if (!job.phase().isFinal()) {
                html.append(link(user, job, "cancel", "Cancel"));
            }
            if (down && job.phase() != Phase.PRINTING && !job.phase().isFinal()) {
                html.append(" ").append(moveForm(user, job)).append(" ").append(link(user, job, "wait", "Wait"));
            }
            html.append("</td></tr>");
        }
        html.append("</table><h2>Printers</h2><ul>");
        for (LocalPrinter printer : printers.all()) {
            html.append("<li>").append(escape(printer.name())).append(" — ")
                    .append(printer.up() ? "ready" : escape(printer.trouble())).append("</li>");
        }
        return html.append("</ul></body></html>").toString();
    }

    private String link(String user, SpoolJob job, String action, String label) {
        return "<a href=\"/act?token=" + token + "&amp;user=" + url(user) + "&amp;job=" + job.id() + "&amp;do=" + action
                + "\">" + label + "</a>";
    }

    private String moveForm(String user, SpoolJob job) {
        StringBuilder form = new StringBuilder("<form method=\"get\" action=\"/act\" style=\"display:inline\">"
                + "<input type=\"hidden\" name=\"token\" value=\"" + token + "\"><input type=\"hidden\" name=\"user\" value=\""
                + escape(user) + "\"><input type=\"hidden\" name=\"job\" value=\"" + job.id()
                + "\"><input type=\"hidden\" name=\"do\" value=\"move\"><select name=\"to\">");
        for (LocalPrinter printer : printers.all()) {
            if (!printer.name().equals(job.queue())) {
                form.append("<option>").append(escape(printer.name())).append("</option>");
            }
        }
        return form.append("</select><button>Move</button></form>").toString();
    }

    private static Map<String, String> parse(String query) {
        Map<String, String> values = new HashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static String url(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
