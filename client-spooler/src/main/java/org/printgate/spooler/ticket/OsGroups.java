package org.printgate.spooler.ticket;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The OS groups of a local account ({@code id -Gn}), which the spooler tells the engine so that
 * its deployment policy can show printers by group (docs/ticket-protocol.md §6.10). None when
 * the account or the command is unknown: the policy's other rules still apply.
 */
final class OsGroups {
    private OsGroups() {}

    static List<String> of(String account) {
        try {
            Process process = new ProcessBuilder("id", "-Gn", "--", account)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            String out;
            try (InputStream stdout = process.getInputStream()) {
                out = new String(stdout.readNBytes(64 * 1024), StandardCharsets.UTF_8).trim();
            }
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return List.of();
            }
            return process.exitValue() != 0 || out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
