package org.printgate.sim.profile;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.MapperFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A printer-sim profile: the printers one simulator process runs. YAML (or JSON, which is YAML)
 * with kebab-case keys named after IPP attributes.
 *
 * @param host the address every port binds to (default 127.0.0.1)
 * @param controlPort the HTTP control API and ledger port (default 8699; 0 = any free port)
 * @param printers the printers, in order: printer i gets ports base + i unless it says otherwise
 */
public record Profile(String host, Integer controlPort, List<PrinterSpec> printers) {
    public static final int DEFAULT_IPP_BASE = 8700;
    public static final int DEFAULT_RAW_BASE = 9100;
    public static final int DEFAULT_SNMP_BASE = 16100;
    public static final int DEFAULT_CONTROL_PORT = 8699;

    public Profile {
        host = host == null ? "127.0.0.1" : host;
        controlPort = controlPort == null ? DEFAULT_CONTROL_PORT : controlPort;
        printers = List.copyOf(printers);
        Set<String> names = new HashSet<>();
        for (PrinterSpec printer : printers) {
            if (!names.add(printer.printerName())) {
                throw new IllegalArgumentException("two printers are named " + printer.printerName());
            }
        }
    }

    /** The same printers on ports the system picks: for tests that run beside anything. */
    public Profile onFreePorts() {
        return new Profile(host, 0, printers.stream().map(p -> p.withPorts(new PortsSpec(0, 0, 0))).toList());
    }

    /** The same printers, {@code factor} times faster: for tests that print many pages. */
    public Profile faster(int factor) {
        return new Profile(host, controlPort, printers.stream().map(p -> p.withPagesPerMinute(p.pagesPerMinute() * factor)).toList());
    }

    /** The same printers, the one named {@code name} changed by {@code change}. */
    public Profile withPrinter(String name, java.util.function.UnaryOperator<PrinterSpec> change) {
        return new Profile(host, controlPort, printers.stream()
                .map(p -> p.printerName().equals(name) ? change.apply(p) : p).toList());
    }

    public int ippPort(int index) {
        Integer port = printers.get(index).ports().ipp();
        return port != null ? port : DEFAULT_IPP_BASE + index;
    }

    public int rawPort(int index) {
        Integer port = printers.get(index).ports().raw();
        return port != null ? port : DEFAULT_RAW_BASE + index;
    }

    public int snmpPort(int index) {
        Integer port = printers.get(index).ports().snmp();
        return port != null ? port : DEFAULT_SNMP_BASE + index;
    }

    public static Profile load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /** The demo profile shipped in the jar. */
    public static Profile demo() {
        try (InputStream in = Profile.class.getResourceAsStream("/demo-profile.yaml")) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the shipped demo profile is unreadable", e);
        }
    }

    public static Profile read(InputStream in) throws IOException {
        return MAPPER.readValue(in, Profile.class);
    }

    /** The mapper for profiles and for fault specs posted to the control API. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
}
