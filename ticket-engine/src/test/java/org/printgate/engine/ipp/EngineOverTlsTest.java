package org.printgate.engine.ipp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hp.jipp.encoding.IppPacket;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.engine.Engine;
import org.printgate.engine.auth.Authenticator;
import org.printgate.engine.config.EngineConfig;
import org.printgate.engine.config.EngineYaml;
import org.printgate.ipp.IppClient;
import org.printgate.protocol.client.EngineTransport;
import org.printgate.protocol.client.TicketClient;
import org.printgate.testing.MutableClock;

/**
 * With a keystore configured the engine speaks only TLS (ipps) and hands out ipps URIs; a client
 * without its certificate in its trust refuses it.
 */
class EngineOverTlsTest {
    @TempDir
    Path dir;

    @Test
    void servesTicketsOverTlsOnlyWhenConfigured() throws Exception {
        Path keystore = dir.resolve("engine.p12");
        // A self-signed certificate for this test, made with the JDK's own keytool.
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "engine", "-keyalg", "EC", "-groupname", "secp256r1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2").redirectErrorStream(true).start();
        String keytoolOutput = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(keytoolOutput).isZero();
        EngineConfig config = EngineYaml.onLoopback("""
                printers:
                  - {name: office, device-uri: "socket://127.0.0.1:9"}
                credentials:
                  - {name: ws, role: spooler, token-sha256: %s, identities: ["*@corp"]}
                tls: {keystore: "%s", password: changeit}
                """.formatted(Authenticator.sha256Hex("tok"), keystore));
        try (Engine engine = Engine.start(config, new MutableClock(), dir.resolve("data"))) {
            assertThat(engine.systemUri().getScheme()).isEqualTo("ipps");
            EngineTransport trusting = EngineTransport.trusting(trusting(keystore));
            TicketClient client = TicketClient.using(trusting, engine.systemUri(), "Bearer tok");
            TicketClient.TicketStatus ticket = client.requestTicket("office", "ann@corp", "secret.pdf", 50, 10, 1);
            assertThat(ticket.jobUri().getScheme()).isEqualTo("ipps");
            // Plain HTTP to the same port gets nowhere.
            TicketClient plain = TicketClient.withToken(
                    java.net.URI.create("ipp://127.0.0.1:" + engine.port() + "/ipp/system"), "tok");
            assertThatThrownBy(plain::subscribe).isInstanceOf(IOException.class);
            // The clients' default TLS, made on first use, trusts only the JVM's authorities.
            TicketClient defaultTrust = TicketClient.using(EngineTransport.create(), engine.systemUri(), "Bearer tok");
            assertThatThrownBy(() -> defaultTrust.requestTicket("office", "ann@corp", "x.pdf", 1, 1, 1))
                    .isInstanceOf(IOException.class).hasStackTraceContaining("PKIX path building failed");
            IppPacket attributes = IppPacket.getPrinterAttributes(engine.systemUri()).build();
            assertThatThrownBy(() -> new IppClient().send(engine.systemUri(), attributes))
                    .isInstanceOf(IOException.class).hasStackTraceContaining("PKIX path building failed");
        }
    }

    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
