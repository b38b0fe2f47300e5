package org.printgate.interop.peers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.printgate.testing.Await;
import org.printgate.testing.peers.DaemonProcess;
import org.printgate.testing.peers.PeerTools;
import org.printgate.testing.peers.WorkDirectory;

/**
 * A service published by {@code avahi-publish -s} for as long as it runs: another program on
 * this machine holding a DNS-SD name, such as a competitor for the name a test's spooler wants.
 */
public final class AvahiPublish implements AutoCloseable {
    private static final Duration ESTABLISHED = Duration.ofSeconds(20);

    private final Path directory;
    private final DaemonProcess process;

    private AvahiPublish(Path directory, DaemonProcess process) {
        this.directory = directory;
        this.process = process;
    }

    /** Publishes {@code name} of {@code type} on {@code port}; returns once avahi has established it under that name. */
    public static AvahiPublish service(String name, String type, int port, String... txt) {
        LoopbackAvahi.ensureMulticastOnLoopback();
        Path directory = WorkDirectory.create("avahi-publish");
        List<String> command = new ArrayList<>(List.of(PeerTools.require("avahi-publish").toString(), "-s", name, type,
                Integer.toString(port)));
        command.addAll(List.of(txt));
        DaemonProcess process = DaemonProcess.start("avahi-publish", command, directory, Map.of(), directory.resolve("out.log"));
        AvahiPublish published = new AvahiPublish(directory, process);
        try {
            Await.until(ESTABLISHED, () -> process.logText().contains("Established under name '" + name + "'"),
                    () -> "avahi-publish to establish '" + name + "'; it says: " + process.logText());
        } catch (AssertionError e) {
            published.close();
            throw e;
        }
        return published;
    }

    @Override
    public void close() {
        process.close();
        WorkDirectory.delete(directory);
    }
}
