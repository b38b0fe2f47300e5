package org.printgate.bench.engine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.printgate.engine.Engine;

/**
 * An operator watching the console's dashboard while the engine works (issue 17: the lifecycle
 * figures must hold with a console user watching). Asks for the dashboard every
 * {@code every}, five times as often as the page's own refresh, and keeps each answer's time.
 */
final class DashboardWatcher implements AutoCloseable {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "dashboard-watcher");
        thread.setDaemon(true);
        return thread;
    });
    private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
    private final AtomicLong failures = new AtomicLong();

    DashboardWatcher(Engine engine, Duration every) throws IOException, InterruptedException {
        String base = "http://127.0.0.1:" + engine.port() + "/console";
        HttpRequest dashboard = HttpRequest.newBuilder(URI.create(base + "/dashboard"))
                .header("Cookie", ConsoleRun.signIn(http, base)).build();
        timer.scheduleWithFixedDelay(() -> {
            long start = System.nanoTime();
            try {
                int status = http.send(dashboard, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
                if (status == 200) {
                    nanos.add(System.nanoTime() - start);
                } else {
                    failures.incrementAndGet();
                }
            } catch (IOException e) {
                failures.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Dashboards answered with 200 so far. */
    int answered() {
        return nanos.size();
    }

    long failures() {
        return failures.get();
    }

    /** The 95th percentile of the answers so far, in milliseconds (0 when none). */
    double p95Millis() {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted.length == 0 ? 0 : sorted[(int) Math.ceil(sorted.length * 0.95) - 1] / 1e6;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
