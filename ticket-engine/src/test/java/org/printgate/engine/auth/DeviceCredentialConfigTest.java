package org.printgate.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.printgate.engine.config.EngineConfig;
import org.printgate.engine.config.EngineYaml;

/**
 * Device credentials as an operator writes them (docs/firmware.md §1): a token, one queue and one
 * {@code urn:uuid:}; each mistake stops the start with the credential's name and what was expected.
 */
class DeviceCredentialConfigTest {
    private static final String TOKEN = Authenticator.sha256Hex("t");
    private static final String UUID_URI = "urn:uuid:" + UUID.fromString("0b7c2a9e-5f41-4d3c-8e2a-6c1d9f0e7a31");

    private static Authenticator authenticator(String credentials) throws Exception {
        EngineConfig config = EngineYaml.onLoopback("credentials:\n" + credentials);
        return new Authenticator(config.credentials());
    }

    @Test
    void aDeviceCredentialIsBoundToItsQueueAndUuidAndMakesTheQueueManaged() throws Exception {
        Authenticator authenticator = authenticator("""
                  - {name: dev-office, role: device, token-sha256: %s, queue: office, output-device-uuid: "%s"}
                """.formatted(TOKEN, UUID_URI.toUpperCase().replace("URN:UUID:", "urn:uuid:")));
        Credential device = authenticator.authenticate("Bearer t");
        assertThat(device.role()).isEqualTo(Role.DEVICE);
        assertThat(device.isDevice()).isTrue();
        assertThat(device.isOperator()).isFalse();
        assertThat(device.mayActAs("anyone@corp")).isFalse();
        assertThat(device.device().queue()).isEqualTo("office");
        assertThat(device.device().uuidUri().toString()).isEqualTo(UUID_URI);
        assertThat(authenticator.deviceOf("office")).contains(device);
        assertThat(authenticator.deviceOf("lobby")).isEmpty();
    }

    @Test
    void misconfiguredDeviceCredentialsStopTheStartSayingWhy() {
        assertThatThrownBy(() -> authenticator("  - {name: d1, role: device, token-sha256: %s, queue: office}\n".formatted(TOKEN)))
                .hasMessageContaining("d1").hasMessageContaining("needs queue and output-device-uuid");
        assertThatThrownBy(() -> authenticator("  - {name: d2, role: device, token-sha256: %s, queue: office, output-device-uuid: \"1234\"}\n"
                .formatted(TOKEN))).hasMessageContaining("d2").hasMessageContaining("urn:uuid:");
        assertThatThrownBy(() -> authenticator("  - {name: d3, role: device, password-sha256: %s, queue: office, output-device-uuid: \"%s\"}\n"
                .formatted(TOKEN, UUID_URI))).hasMessageContaining("d3").hasMessageContaining("token-sha256 and no password");
        assertThatThrownBy(() -> authenticator("""
                  - {name: d4, role: device, token-sha256: %s, queue: office, output-device-uuid: "%s"}
                  - {name: d5, role: device, token-sha256: %s, queue: office, output-device-uuid: "%s"}
                """.formatted(TOKEN, UUID_URI, Authenticator.sha256Hex("u"), "urn:uuid:" + UUID.randomUUID())))
                .hasMessageContaining("d5").hasMessageContaining("already has a device credential");
        assertThatThrownBy(() -> authenticator("  - {name: ws, role: spooler, token-sha256: %s, queue: office}\n".formatted(TOKEN)))
                .hasMessageContaining("ws").hasMessageContaining("for role device only");
    }
}
