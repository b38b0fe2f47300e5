package org.printgate.interop.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.printgate.testing.Await;
import org.printgate.testing.peers.ExternalCommand;
import org.printgate.testing.peers.WorkDirectory;
import org.printgate.testing.peers.PeerTools;

/**
 * The D-Bus system bus and an avahi-daemon, which ippeveprinter needs running even with
 * {@code -r off} (it creates its DNS-SD client at startup and exits without one).
 * <p>
 * Both are machine-wide singletons (fixed sockets in {@code /run}), so this reuses whatever
 * runs already — the system's own included — and otherwise starts them: {@code dbus-daemon
 * --system --fork}, and {@code avahi-daemon} with a config of our own that binds it to
 * {@code lo} only, IPv4, publishing nothing. Once started they stay up for later test runs and
 * for other JVMs using them; they are not stopped. Starting them needs root.
 */
public final class LoopbackAvahi {

    private static final Path DBUS_SOCKET = Path.of("/run/dbus/system_bus_socket");
    private static final Path DBUS_PID = Path.of("/run/dbus/pid");
    private static final Duration STARTUP = Duration.ofSeconds(20);
    private static final String CONFIG = """
            # Written by Printgate's interop tests: an avahi for ippeveprinter, on loopback only.
            [server]
            use-ipv4=yes
            use-ipv6=no
            allow-interfaces=lo
            ratelimit-interval-usec=1000000
            ratelimit-burst=1000
            [wide-area]
            enable-wide-area=no
            [publish]
            publish-addresses=no
            publish-hinfo=no
            publish-workstation=no
            publish-domain=no
            [reflector]
            enable-reflector=no
            """;

    private static boolean running;

    private LoopbackAvahi() {
    }

    /**
     * As {@link #ensureRunning()}, for tests that browse and publish on loopback themselves: the
     * loopback interface has no MULTICAST flag by default, and without it avahi sees nothing
     * there. Setting it needs root; avahi notices the change on its own.
     */
    public static synchronized void ensureMulticastOnLoopback() {
        ExternalCommand.of(PeerTools.require("ip").toString(), "link", "set", "lo", "multicast", "on")
                .timeout(Duration.ofSeconds(10)).runSuccessfully();
        ensureRunning();
    }

    /** Makes sure the system bus and an avahi-daemon answer; starts them if not. */
    public static synchronized void ensureRunning() {
        if (running && dbusAnswers() && avahiRuns()) {
            return;
        }
        PeerTools.requireAll("dbus-daemon", "avahi-daemon");
        ensureDbus();
        ensureAvahi();
        running = true;
    }

    /** Stops avahi-daemon, as a package upgrade or a crash would, and starts it again. */
    public static synchronized void restart() {
        ensureRunning();
        ExternalCommand.of(PeerTools.require("avahi-daemon").toString(), "--kill").timeout(STARTUP).runSuccessfully();
        Await.until(STARTUP, () -> !avahiRuns(), () -> "avahi-daemon to stop (avahi-daemon --kill)");
        ensureAvahi();
    }

    private static void ensureDbus() {
        if (dbusAnswers()) {
            return;
        }
        // The bus does not answer, so a pid file is a dead daemon's (perhaps a zombie no init reaps);
        // left there, it makes a new dbus-daemon refuse to start.
        try {
            Files.deleteIfExists(DBUS_PID);
            Files.createDirectories(DBUS_PID.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare /run/dbus (dbus-daemon --system needs root)", e);
        }
        ExternalCommand.Result started = ExternalCommand.of(PeerTools.require("dbus-daemon").toString(),
                "--system", "--fork").timeout(STARTUP).run();
        Await.until(STARTUP, LoopbackAvahi::dbusAnswers,
                () -> "the D-Bus system bus at " + DBUS_SOCKET + "\n" + started.describe());
    }

    private static void ensureAvahi() {
        if (avahiRuns()) {
            return;
        }
        try {
            Path dir = WorkDirectory.create("avahi");
            Path config = dir.resolve("avahi-daemon.conf");
            Files.writeString(config, CONFIG);
            ExternalCommand.Result started = ExternalCommand.of(PeerTools.require("avahi-daemon").toString(),
                    "--daemonize", "--no-drop-root", "--no-chroot", "--file=" + config).timeout(STARTUP).run();
            Await.until(STARTUP, LoopbackAvahi::avahiRuns,
                    () -> "avahi-daemon to run (avahi-daemon --check)\n" + started.describe());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write an avahi-daemon config", e);
        }
    }

    private static boolean dbusAnswers() {
        if (!Files.exists(DBUS_SOCKET)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return channel.connect(UnixDomainSocketAddress.of(DBUS_SOCKET));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean avahiRuns() {
        return ExternalCommand.of(PeerTools.require("avahi-daemon").toString(), "--check")
                .timeout(Duration.ofSeconds(10)).run().succeeded();
    }
}
