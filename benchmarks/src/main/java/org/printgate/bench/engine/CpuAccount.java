package org.printgate.bench.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of this JVM split between the engine's threads and the load generator's, so that
 * the figures can say how much of the machine the engine itself needed: both run here, on the
 * same cores. Threads are told apart by name: the engine's HTTP server (Undertow's
 * {@code XNIO-*}), its store committer, timers and printer watch; the spoolers', which run on
 * their HTTP/2 transports' I/O threads ({@code requester-dispatch-*}), timers and confirm watcher. The rest of the process — garbage collection, the JIT compiler, threads
 * that ended within the window — is "other".
 */
record CpuAccount(long engine, long store, long client, long process) {
    /**
     * CPU nanoseconds used by each side between two snapshots; {@code storeNanos} is the part of
     * the engine's spent by its store committer (MapDB writes and commits).
     */
    record Use(long engineNanos, long storeNanos, long clientNanos, long processNanos) {
        long otherNanos() {
            return Math.max(0, processNanos - engineNanos - clientNanos);
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The CPU time used so far, by side. */
    static CpuAccount now() {
        long engine = 0;
        long store = 0;
        long client = 0;
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpu = THREADS.getThreadCpuTime(ids[i]);
            if (infos[i] == null || cpu < 0) {
                continue;
            }
            String name = infos[i].getThreadName();
            if (name.startsWith("XNIO-") || name.equals("store-committer") || name.equals("engine-timers")
                    || name.startsWith("printer-watch")) {
                engine += cpu;
                store += name.equals("store-committer") ? cpu : 0;
            } else if (name.startsWith("requester-dispatch-") || name.equals("spooler-timers")
                    || name.equals("confirm-watcher")) {
                client += cpu;
            }
        }
        long process = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : engine + client;
        return new CpuAccount(engine, store, client, process);
    }

    /** What was used from {@code earlier} to this snapshot. */
    Use since(CpuAccount earlier) {
        return new Use(engine - earlier.engine, store - earlier.store, client - earlier.client, process - earlier.process);
    }
}
