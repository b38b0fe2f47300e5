package org.printgate.interop.peers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.printgate.testing.peers.ExternalCommand;
import org.printgate.testing.peers.PeerTools;

/**
 * net-snmp's {@code snmpwalk} and {@code snmpget} as an SNMP manager would use them on a
 * printer: SNMPv2c, community {@code public}, any UDP port ({@code host:port}).
 * <p>
 * Output options: {@code -On} numeric OIDs; {@code -Ox} every OCTET STRING in hex, so binary
 * values such as {@code hrPrinterDetectedErrorState} come back byte-exact (read text with
 * {@link Value#text()}); {@code -Oe} enums as numbers; {@code -OU} no units. A line reads
 * {@code .1.3.6.1.2.1.1.6.0 = Hex-STRING: 50 72 69 6E 74}; hex longer than 16 bytes continues
 * on the following lines.
 */
public final class NetSnmp {

    /** One variable binding's value: net-snmp's type name ({@code INTEGER}, {@code Hex-STRING}, …) and text. */
    public record Value(String type, String value) {

        /** The number in INTEGER, Counter32/64, Gauge32 and Timeticks ({@code (12345) 0:02:03.45}). */
        public long asLong() {
            Matcher number = Pattern.compile("-?\\d+").matcher(value);
            if (!number.find()) {
                throw new AssertionError("Not a number: " + this);
            }
            return Long.parseLong(number.group());
        }

        /** The bytes of an OCTET STRING. */
        public byte[] bytes() {
            if (type.equals("Hex-STRING")) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (String hex : value.trim().split("\\s+")) {
                    if (!hex.isEmpty()) {
                        out.write(Integer.parseInt(hex, 16));
                    }
                }
                return out.toByteArray();
            }
            if (type.equals("STRING")) {
                return unquote(value).getBytes(StandardCharsets.ISO_8859_1);
            }
            if (type.equals("\"\"") || value.equals("\"\"")) {
                return new byte[0];
            }
            throw new AssertionError("Not an OCTET STRING: " + this);
        }

        /** An OCTET STRING as UTF-8 text (DisplayString, SnmpAdminString). */
        public String text() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }
    }

    private static final Pattern BINDING = Pattern.compile("^(\\.[0-9.]+) = (?:([A-Za-z0-9-]+): ?)?(.*)$");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private NetSnmp() {
    }

    /** {@code snmpwalk} under {@code oid}: every variable, in the agent's order. */
    public static Map<String, Value> walk(String hostPort, String oid) {
        ExternalCommand.Result result = run("snmpwalk", hostPort, List.of(oid));
        return parse(result);
    }

    /** {@code snmpget} of one variable; empty if the agent has no such object or instance. */
    public static Optional<Value> get(String hostPort, String oid) {
        return Optional.ofNullable(get(hostPort, List.of(oid)).get(normalize(oid)));
    }

    /** {@code snmpget} of several variables in one request; those the agent lacks are left out. */
    public static Map<String, Value> get(String hostPort, List<String> oids) {
        return parse(run("snmpget", hostPort, oids));
    }

    private static ExternalCommand.Result run(String program, String hostPort, List<String> oids) {
        List<String> command = new ArrayList<>(List.of(PeerTools.require(program).toString(),
                "-v2c", "-c", "public", "-On", "-Ox", "-Oe", "-OU", "-t", "2", "-r", "1", hostPort));
        command.addAll(oids);
        // Our own persistent folder: the tools would otherwise write engine data to /var/lib/snmp.
        Path persistent = Path.of(System.getProperty("java.io.tmpdir"), "printgate-netsnmp");
        ExternalCommand.Result result = ExternalCommand.of(command).env("SNMP_PERSISTENT_DIR", persistent.toString())
                .timeout(TIMEOUT).run();
        if (!result.succeeded()) {
            throw new AssertionError(program + " failed:\n" + result.describe());
        }
        return result;
    }

    /** Parses net-snmp's {@code -On} output; "No Such Object/Instance" and end-of-view bindings are left out. */
    static Map<String, Value> parse(ExternalCommand.Result result) {
        Map<String, Value> values = new LinkedHashMap<>();
        String oid = null;
        String type = null;
        StringBuilder value = new StringBuilder();
        for (String line : result.stdout().lines().toList()) {
            Matcher m = BINDING.matcher(line);
            if (m.matches()) {
                put(values, oid, type, value);
                oid = m.group(1);
                type = m.group(2);
                value.setLength(0);
                value.append(m.group(3));
            } else if (oid != null) {
                // A continuation: long hex, or a string with a line break in it.
                value.append(type != null && type.equals("Hex-STRING") ? " " : "\n").append(line);
            }
        }
        put(values, oid, type, value);
        return values;
    }

    private static void put(Map<String, Value> values, String oid, String type, StringBuilder value) {
        if (oid == null) {
            return;
        }
        String text = value.toString();
        if (type == null && (text.startsWith("No Such") || text.startsWith("No more variables"))) {
            return;
        }
        values.put(oid, new Value(type == null ? "" : type, type != null && type.equals("Hex-STRING")
                ? text.trim() : text));
    }

    private static String normalize(String oid) {
        return oid.startsWith(".") ? oid : "." + oid;
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return text;
    }
}
