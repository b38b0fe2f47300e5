package org.printgate.engine.ipp;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.printgate.engine.Engine;
import org.printgate.engine.config.EngineConfig;
import org.printgate.testing.MutableClock;
import org.printgate.testing.peers.WorkDirectory;

/**
 * The real engine over HTTP for one test: started before the test from {@code config} on its own
 * data folder, with the test's clock; closed after it, the folder deleted. A test class registers
 * it with the configuration it tests against ({@code @RegisterExtension final EngineUnderTest
 * engine = new EngineUnderTest(EngineOverHttpTest::config, clock);}), and restarts it on the same
 * data as after a crash.
 */
final class EngineUnderTest implements BeforeEachCallback, AfterEachCallback {
    private final Callable<EngineConfig> config;
    private final MutableClock clock;
    private Path data;
    private Engine engine;

    /** An engine whose clock stands still unless the test moves it, which it need not. */
    EngineUnderTest(Callable<EngineConfig> config) {
        this(config, new MutableClock());
    }

    EngineUnderTest(Callable<EngineConfig> config, MutableClock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        data = WorkDirectory.create("engine");
        engine = Engine.start(config.call(), clock, data);
    }

    /** The running engine, for what a test asks of it directly (its book, store, events). */
    Engine get() {
        return engine;
    }

    URI systemUri() {
        return engine.systemUri();
    }

    /** Stops the engine and starts it again on the same data, on a port of its configuration's choosing. */
    void restart() throws Exception {
        engine.close();
        engine = Engine.start(config.call(), clock, data);
    }

    /** Stops the engine and starts it again on the same data and the same port, where its clients will look. */
    void restartOnTheSamePort() throws Exception {
        int port = engine.port();
        engine.close();
        engine = Engine.start(config.call().withPort(port), clock, data);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (engine != null) {
                engine.close();
            }
        } finally {
            WorkDirectory.delete(data);
        }
    }
}
