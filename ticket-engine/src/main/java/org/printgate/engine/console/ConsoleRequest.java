package org.printgate.engine.console;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** One console request's inputs: path, query, form fields, session cookie, caller's address. */
final class ConsoleRequest {
    static final String COOKIE = "printgate-console";
    static final io.undertow.util.HttpString HX_REQUEST = new io.undertow.util.HttpString("HX-Request");
    /** Tells htmx to load a whole page instead of updating part of this one. */
    static final io.undertow.util.HttpString HX_REDIRECT = new io.undertow.util.HttpString("HX-Redirect");
    /** A form larger than this is refused: the console's forms are a few short fields. */
    static final int MAX_FORM_BYTES = 16 * 1024;

    final HttpServerExchange exchange;
    final String path;
    final boolean post;
    private Map<String, String> form;

    ConsoleRequest(HttpServerExchange exchange) {
        this.exchange = exchange;
        String relative = exchange.getRelativePath();
        this.path = relative.isEmpty() ? "/" : relative;
        this.post = exchange.getRequestMethod().equalToString("POST");
    }

    String address() {
        return exchange.getSourceAddress() == null ? "?" : exchange.getSourceAddress().getAddress().getHostAddress();
    }

    String sessionId() {
        Cookie cookie = exchange.getRequestCookie(COOKIE);
        return cookie == null ? null : cookie.getValue();
    }

    /** A query parameter, trimmed; empty when absent. */
    String query(String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? "" : values.getFirst().trim();
    }

    /** A form field of a POST (application/x-www-form-urlencoded); empty when absent. */
    String field(String name) throws IOException {
        if (form == null) {
            form = readForm();
        }
        return form.getOrDefault(name, "");
    }

    private Map<String, String> readForm() throws IOException {
        Map<String, String> fields = new HashMap<>();
        String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (!post || type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return fields;
        }
        if (!exchange.isBlocking()) {
            exchange.startBlocking();
        }
        byte[] body;
        try (InputStream in = exchange.getInputStream()) {
            body = in.readNBytes(MAX_FORM_BYTES + 1);
        }
        if (body.length > MAX_FORM_BYTES) {
            throw new IllegalArgumentException("form larger than " + MAX_FORM_BYTES + " bytes");
        }
        for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.putIfAbsent(key, value);
        }
        return fields;
    }

    /**
     * Does the browser say this request comes from another site? {@code Sec-Fetch-Site} when
     * sent (cross-site and same-site are refused: another host under our domain is not us),
     * else {@code Origin} when sent, compared with the host the request was sent to. (Pages are
     * served with {@code Referrer-Policy: same-origin}: under {@code no-referrer} a browser
     * sends {@code Origin: null} even for our own forms.)
     */
    boolean fromAnotherSite() {
        String fetchSite = exchange.getRequestHeaders().getFirst("Sec-Fetch-Site");
        if (fetchSite != null) {
            // Set by the browser alone (a forbidden header name): the better witness when present.
            return !fetchSite.equals("same-origin") && !fetchSite.equals("none");
        }
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (origin == null) {
            return false;
        }
        String ours = exchange.getRequestScheme() + "://" + exchange.getHostAndPort();
        return !origin.equalsIgnoreCase(ours);
    }

    /** The headers {@link #fromAnotherSite} judged by, for the log. */
    String siteHeaders() {
        return "Origin " + exchange.getRequestHeaders().getFirst(Headers.ORIGIN) + ", Sec-Fetch-Site "
                + exchange.getRequestHeaders().getFirst("Sec-Fetch-Site") + ", host " + exchange.getRequestScheme() + "://"
                + exchange.getHostAndPort();
    }

    /** A request htmx made for a page's update (it says so in {@code HX-Request}), not a navigation. */
    boolean fromHtmx() {
        return "true".equals(exchange.getRequestHeaders().getFirst(HX_REQUEST));
    }
}
