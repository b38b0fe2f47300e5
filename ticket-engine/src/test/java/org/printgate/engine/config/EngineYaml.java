package org.printgate.engine.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Engine configurations for tests, written as the YAML an operator writes and read by the same reader. */
public final class EngineYaml {
    private EngineYaml() {}

    /** An engine on 127.0.0.1, on a port of the system's choosing, configured by the rest of the YAML. */
    public static EngineConfig onLoopback(String rest) throws IOException {
        return read("host: 127.0.0.1\nport: 0\n" + rest);
    }

    public static EngineConfig read(String yaml) throws IOException {
        return EngineConfig.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
