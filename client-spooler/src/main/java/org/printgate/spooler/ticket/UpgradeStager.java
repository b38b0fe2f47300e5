package org.printgate.spooler.ticket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import org.printgate.protocol.client.TicketException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client too old (3-11, 3-13, claims 9-10): fetches the new version from the URI the engine
 * gave, checks its SHA-256 against the engine's, and stages it for the next start. Returns what
 * the user should read. A download that does not match is deleted, never staged. Every job is
 * refused while the spooler is too old, on several lanes at once: one download serves them all.
 */
final class UpgradeStager {
    private static final Logger log = LoggerFactory.getLogger(UpgradeStager.class);
    private final Path directory;

    UpgradeStager(Path directory) {
        this.directory = directory;
    }

    synchronized String stage(TicketException.Upgrade upgrade) {
        String what = upgrade.component() + " " + upgrade.version();
        if (upgrade.uri() == null) {
            return "the print server requires " + what + "; ask your administrator for it";
        }
        try {
            Files.createDirectories(directory);
            String name = upgrade.uri().getPath().substring(upgrade.uri().getPath().lastIndexOf('/') + 1);
            Path staged = directory.resolve(name.isEmpty() ? "printgate-upgrade" : name);
            if (upgrade.sha256() != null && Files.exists(staged) && MessageDigest.isEqual(sha256Of(staged), upgrade.sha256())) {
                return ready(what, staged);
            }
            Path partial = Files.createTempFile(directory, "download-", ".part");
            byte[] digest = download(upgrade.uri(), partial);
            if (upgrade.sha256() != null && !MessageDigest.isEqual(digest, upgrade.sha256())) {
                Files.deleteIfExists(partial);
                log.warn("the download of {} from {} does not match the engine's SHA-256; not staged", what, upgrade.uri());
                return "the print server requires " + what + ", but the download from " + upgrade.uri()
                        + " was corrupt; ask your administrator";
            }
            Files.move(partial, staged, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.info("staged {} at {}", what, staged);
            return ready(what, staged);
        } catch (IOException e) {
            return "the print server requires " + what + " from " + upgrade.uri() + "; the download failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "the print server requires " + what + " from " + upgrade.uri();
        }
    }

    private static String ready(String what, Path staged) {
        return "the print server requires " + what + "; it has been downloaded and checked (" + staged
                + "): install it and print again";
    }

    private static byte[] sha256Of(Path file) throws IOException {
        MessageDigest sha256 = sha256();
        try (InputStream in = new java.security.DigestInputStream(Files.newInputStream(file), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return sha256.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private byte[] download(URI uri, Path to) throws IOException, InterruptedException {
        // Made when needed, not kept: upgrades are rare and an HTTP client holds a thread.
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("HTTP " + response.statusCode());
        }
        MessageDigest sha256 = sha256();
        try (InputStream in = response.body(); OutputStream out = new DigestOutputStream(Files.newOutputStream(to), sha256)) {
            in.transferTo(out);
        }
        return sha256.digest();
    }
}
