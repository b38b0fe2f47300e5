package org.printgate.engine.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's audit log on a real file: read from its end, exported as CSV. */
class AuditLogTest {
    private static final Instant START = Instant.parse("2026-12-01T08:00:00Z");

    @TempDir
    Path data;

    private static AuditLog.Entry entry(int i) {
        // Names with letters of two and three bytes in UTF-8, so that blocks of the file cut through characters.
        return new AuditLog.Entry(START.plus(Duration.ofMinutes(i)), "Zoë-" + i, "127.0.0.1", "pause printer",
                "büro-€-" + i, "ok");
    }

    @Test
    void theNewestEntriesAreReadFromTheEndOfALongLog() throws Exception {
        AuditLog log = new AuditLog(data);
        int count = 3_000; // about 200 kB: several of the blocks read backwards
        IntStream.range(0, count).forEach(i -> log.append(entry(i)));
        assertThat(Files.size(data.resolve(AuditLog.FILE_NAME))).isGreaterThan(3 * 64 * 1024);

        List<AuditLog.Entry> recent = log.recent(500);
        assertThat(recent).hasSize(500);
        assertThat(recent).containsExactlyElementsOf(IntStream.range(0, 500).map(i -> count - 1 - i).mapToObj(AuditLogTest::entry).toList());
        assertThat(log.recent(count + 10)).hasSize(count).last().isEqualTo(entry(0));
    }

    @Test
    void anEmptyOrMissingLogHasNoEntries() throws Exception {
        AuditLog log = new AuditLog(data);
        assertThat(log.recent(10)).isEmpty();
        Files.writeString(data.resolve(AuditLog.FILE_NAME), "");
        assertThat(log.recent(10)).isEmpty();
    }

    @Test
    void anExportHoldsTheWindowsEntriesOldestFirstAndDisarmsFormulas() throws Exception {
        AuditLog log = new AuditLog(data);
        IntStream.range(0, 10).forEach(i -> log.append(entry(i)));
        log.append(new AuditLog.Entry(START.plus(Duration.ofMinutes(5)).plusSeconds(1), "=cmd|' /C calc'!A0", "10.0.0.9",
                "login", "", "refused"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = log.export(START.plus(Duration.ofMinutes(3)), START.plus(Duration.ofMinutes(6)), out);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(written).isEqualTo(4);
        assertThat(lines).containsExactly(
                "time,user,address,action,target,outcome",
                "2026-12-01T08:03:00Z,Zoë-3,127.0.0.1,pause printer,büro-€-3,ok",
                "2026-12-01T08:04:00Z,Zoë-4,127.0.0.1,pause printer,büro-€-4,ok",
                "2026-12-01T08:05:00Z,Zoë-5,127.0.0.1,pause printer,büro-€-5,ok",
                "2026-12-01T08:05:01Z,'=cmd|' /C calc'!A0,10.0.0.9,login,,refused");
    }
}
