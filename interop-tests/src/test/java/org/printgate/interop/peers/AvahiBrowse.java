package org.printgate.interop.peers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.printgate.testing.peers.ExternalCommand;
import org.printgate.testing.peers.PeerTools;

/**
 * What {@code avahi-browse -rtp TYPE} sees: every service of a type, resolved (host, address,
 * port, TXT record), as avahi's own browser reports it from its cache and one round of queries.
 */
public final class AvahiBrowse {
    private static final Pattern TXT_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern ESCAPE = Pattern.compile("\\\\(\\d{3}|.)");

    /** One resolved service. */
    public record Service(String iface, String protocol, String name, String type, String domain, String host,
                          String address, int port, Map<String, String> txt) {}

    private AvahiBrowse() {
    }

    /** The resolved services of {@code type} ({@code _ipp._tcp}) on every interface. */
    public static List<Service> resolved(String type) {
        ExternalCommand.Result result = ExternalCommand.of(PeerTools.require("avahi-browse").toString(), "-rtp", type)
                .timeout(Duration.ofSeconds(30)).runSuccessfully();
        List<Service> services = new ArrayList<>();
        for (String line : result.stdoutLines()) {
            if (line.startsWith("=;")) {
                services.add(parse(line));
            }
        }
        return services;
    }

    /** The names of the services of {@code type} (a subtype too: {@code _print._sub._ipp._tcp}), unresolved. */
    public static List<String> names(String type) {
        ExternalCommand.Result result = ExternalCommand.of(PeerTools.require("avahi-browse").toString(), "-tp", type)
                .timeout(Duration.ofSeconds(30)).runSuccessfully();
        List<String> names = new ArrayList<>();
        for (String line : result.stdoutLines()) {
            String[] fields = line.split(";", 6);
            if (line.startsWith("+;") && fields.length > 3) {
                names.add(unescape(fields[3]));
            }
        }
        return names;
    }

    /** {@code =;lo;IPv4;NAME;TYPE-DESCRIPTION;local;HOST;ADDRESS;PORT;"k=v" "k=v"}; names escaped as DNS labels. */
    static Service parse(String line) {
        String[] fields = line.split(";", 10);
        Map<String, String> txt = new LinkedHashMap<>();
        Matcher strings = TXT_STRING.matcher(fields.length > 9 ? fields[9] : "");
        while (strings.find()) {
            String entry = strings.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
            int equals = entry.indexOf('=');
            txt.put(equals < 0 ? entry : entry.substring(0, equals), equals < 0 ? "" : entry.substring(equals + 1));
        }
        return new Service(fields[1], fields[2], unescape(fields[3]), fields[4], fields[5], fields[6], fields[7],
                Integer.parseInt(fields[8]), txt);
    }

    /** avahi_escape_label's inverse: {@code \032} is a space, {@code \.} a dot. */
    static String unescape(String label) {
        Matcher escape = ESCAPE.matcher(label);
        StringBuilder out = new StringBuilder();
        while (escape.find()) {
            String code = escape.group(1);
            String character = code.length() == 3 ? Character.toString(Integer.parseInt(code)) : code;
            escape.appendReplacement(out, Matcher.quoteReplacement(character));
        }
        escape.appendTail(out);
        return out.toString();
    }
}
