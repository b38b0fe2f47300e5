package org.printgate.bench.spooler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux's /proc says of a process: resident memory (proc(5) status) and CPU time (stat). */
final class ProcFs {
    /** USER_HZ: the unit of utime/stime in /proc/PID/stat; 100 on every Linux we run on. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private ProcFs() {}

    /** VmRSS in KiB. */
    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no VmRSS for process " + pid);
    }

    /** utime + stime in nanoseconds (fields 14 and 15, counted after the command name in parentheses). */
    static long cpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }
}
