package org.printgate.interop.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.printgate.testing.peers.ExternalCommand;

/**
 * Real local accounts for a test class, made with {@code useradd} and removed afterwards, and
 * commands run as them with {@code runuser}: the spooler must tell them apart by what the kernel
 * says, so they cannot be simulated. Needs root, as CI has; fails loudly otherwise.
 */
final class LocalAccounts implements BeforeAllCallback, AfterAllCallback {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(1);

    private final List<String> names;
    private final String operatorGroup;
    private final List<String> made = new ArrayList<>();

    private LocalAccounts(List<String> names, String operatorGroup) {
        this.names = names;
        this.operatorGroup = operatorGroup;
    }

    /** Accounts {@code names}; the last one also in {@code operatorGroup}. */
    static LocalAccounts named(String operatorGroup, String... names) {
        return new LocalAccounts(List.of(names), operatorGroup);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        assertThat(uid).as("this test makes local accounts with useradd and runs commands as them: run it as root").isZero();
        for (String name : names) {
            // Left over from a run that was killed: remove it first so that nothing of it is reused.
            ExternalCommand.of("userdel", name).run();
            ExternalCommand.of("useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", "--user-group", name)
                    .runSuccessfully();
            made.add(name);
        }
        if (ExternalCommand.of("getent", "group", operatorGroup).run().exitCode() != 0) {
            ExternalCommand.of("groupadd", "--system", operatorGroup).runSuccessfully();
        }
        ExternalCommand.of("usermod", "--append", "--groups", operatorGroup, names.get(names.size() - 1)).runSuccessfully();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        for (String name : made) {
            ExternalCommand.of("userdel", name).run();
        }
    }

    /** Runs {@code command} as local account {@code name}, with a HOME it can write to. */
    ExternalCommand.Result runAs(String name, Path home, String... command) {
        List<String> line = new ArrayList<>(List.of("runuser", "-u", name, "--", "env", "HOME=" + home));
        line.addAll(List.of(command));
        return ExternalCommand.of(line).timeout(COMMAND_TIMEOUT).run();
    }
}
