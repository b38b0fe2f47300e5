package org.printgate.spooler;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test of the whole system on loopback: before each test a {@link SpoolerSystem} (the demo
 * printers, an engine that knows them, a spooler in front) is started in the test's own
 * temporary {@link #directory}, and after it the system is closed. A test class that needs the
 * system set up otherwise says so by overriding {@link #startSystem}.
 */
abstract class SpoolerSystemTest {
    @TempDir
    Path directory;
    SpoolerSystem system;

    @BeforeEach
    void startTheSystem() throws Exception {
        system = startSystem(directory);
    }

    /** The system each test gets: by default the demo one, 3 attempts a second apart. */
    SpoolerSystem startSystem(Path directory) throws Exception {
        return new SpoolerSystem(directory);
    }

    @AfterEach
    void closeTheSystem() {
        if (system != null) {
            system.close();
        }
    }
}
