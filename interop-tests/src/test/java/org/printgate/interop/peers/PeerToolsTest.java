package org.printgate.interop.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.printgate.testing.peers.ExternalCommand;
import org.printgate.testing.peers.PeerTools;

/** Every peer program is there, and the install script is quiet when nothing is missing. */
class PeerToolsTest {

    @Test
    void findsEveryPeerProgram() {
        Map<String, Path> tools = PeerTools.requireEvery();

        assertThat(tools.keySet()).containsAll(PeerTools.PACKAGE_OF.keySet());
        assertThat(tools.values()).allSatisfy(path -> assertThat(path).isAbsolute().isExecutable());
        assertThat(tools.get("ippeveprinter")).isEqualTo(Path.of("/usr/sbin/ippeveprinter"));
    }

    @Test
    void installScriptIsIdempotentAndQuietWhenEverythingIsInstalled() {
        PeerTools.requireEvery();
        Path script = PeerTools.repositoryRoot().resolve("bin/install-test-peers");
        assertThat(Files.isExecutable(script)).isTrue();

        ExternalCommand.Result run = ExternalCommand.of(script.toString()).timeout(Duration.ofMinutes(5)).run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout() + run.stderr()).as(run.describe()).isEmpty();
    }

    @Test
    void aProgramThatIsStillMissingAfterTheInstallScriptFailsSayingWhatToDo() {
        assertThatThrownBy(() -> PeerTools.require("printgate-no-such-peer"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Peer tools missing: printgate-no-such-peer")
                .hasMessageContaining("install-test-peers");
    }
}
