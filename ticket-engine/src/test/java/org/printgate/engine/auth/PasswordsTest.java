package org.printgate.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.engine.Engine;
import org.printgate.engine.EngineMain;
import org.printgate.engine.config.EngineConfig;
import org.printgate.engine.config.EngineYaml;
import org.printgate.ipp.IppAuthenticationException;
import org.printgate.protocol.client.TicketClient;
import org.printgate.testing.MutableClock;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Basic passwords hashed with PBKDF2 (docs/ticket-protocol.md §2.3): the value made by
 * {@code printgate engine --hash-password} lets that password in over real HTTP and no other,
 * a verified header does not pay the KDF again, and SHA-256 passwords still work with a warning.
 */
class PasswordsTest {
    @TempDir
    Path data;
    private final MutableClock clock = new MutableClock();
    private Engine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aPasswordHashedByTheEngineCommandLetsThatPasswordInAndNoOther() throws Exception {
        String hash = hashPassword("correct horse battery staple\n", "20000");
        assertThat(hash).matches("pbkdf2-sha256\\$20000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hashPassword("correct horse battery staple\n", "20000")).as("salted").isNotEqualTo(hash);

        engine = Engine.start(config("{name: carol, role: user, password-pbkdf2: \"%s\", identities: [carol@corp]}"
                .formatted(hash)), clock, data);
        TicketClient carol = TicketClient.withPassword(engine.systemUri(), "carol", "correct horse battery staple");
        for (int i = 0; i < 5; i++) {
            assertThat(carol.printers(null)).hasSize(1);
        }
        // Five requests, one derivation: the verified header is remembered.
        assertThat(engine.authenticator().derivations()).isEqualTo(1);

        TicketClient guesser = TicketClient.withPassword(engine.systemUri(), "carol", "correct horse battery stapler");
        assertThatThrownBy(() -> guesser.printers(null)).isInstanceOf(IppAuthenticationException.class);
        assertThatThrownBy(() -> guesser.printers(null)).isInstanceOf(IppAuthenticationException.class);
        TicketClient stranger = TicketClient.withPassword(engine.systemUri(), "mallory", "correct horse battery staple");
        assertThatThrownBy(() -> stranger.printers(null)).isInstanceOf(IppAuthenticationException.class);
        // Refusals are never remembered: each wrong guess, and an unknown user too, costs the KDF.
        assertThat(engine.authenticator().derivations()).isEqualTo(4);
    }

    @Test
    void theDemoOperatorLogsInWithItsPbkdf2Password() throws Exception {
        EngineConfig demo = EngineConfig.demo();
        assertThat(demo.credentials()).filteredOn(c -> c.name().equals("admin"))
                .singleElement().satisfies(admin -> {
                    assertThat(admin.passwordPbkdf2()).startsWith("pbkdf2-sha256$600000$");
                    assertThat(admin.passwordSha256()).isNull();
                });
        engine = Engine.start(new EngineConfig("127.0.0.1", 0, null, List.of(), demo.credentials(), null, null, null, null, null),
                clock, data);
        assertThat(TicketClient.withPassword(engine.systemUri(), "admin", "admin").system()).isNotNull();
        assertThatThrownBy(() -> TicketClient.withPassword(engine.systemUri(), "admin", "Admin").system())
                .isInstanceOf(IppAuthenticationException.class);
    }

    @Test
    void aSha256PasswordStillWorksButIsCalledWeakAtStart() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(Authenticator.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            engine = Engine.start(config("{name: dave, role: user, password-sha256: %s, identities: [dave@corp]}"
                    .formatted(Authenticator.sha256Hex("hunter2"))), clock, data);
        } finally {
            logger.detachAppender(logged);
        }
        assertThat(logged.list).anySatisfy(e -> {
            assertThat(e.getLevel()).hasToString("WARN");
            assertThat(e.getFormattedMessage()).contains("dave", "password-sha256", "password-pbkdf2");
        });
        assertThat(TicketClient.withPassword(engine.systemUri(), "dave", "hunter2").printers(null)).hasSize(1);
        assertThat(engine.authenticator().derivations()).isZero();
    }

    /** Runs {@code printgate engine --hash-password} with {@code stdin}; returns what it printed. */
    private static String hashPassword(String stdin, String iterations) {
        InputStream before = System.in;
        StringWriter out = new StringWriter();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            int exit = new CommandLine(new EngineMain()).setOut(new PrintWriter(out))
                    .execute("--hash-password", "--hash-iterations", iterations);
            assertThat(exit).isZero();
        } finally {
            System.setIn(before);
        }
        return out.toString().trim();
    }

    private static EngineConfig config(String credential) throws Exception {
        return EngineYaml.onLoopback("""
                printers:
                  - {name: office, device-uri: "socket://127.0.0.1:9"}
                credentials:
                  - %s
                """.formatted(credential));
    }
}
