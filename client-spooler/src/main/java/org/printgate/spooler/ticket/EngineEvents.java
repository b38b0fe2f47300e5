package org.printgate.spooler.ticket;

import com.hp.jipp.model.JobState;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.random.RandomGenerator;
import org.printgate.protocol.client.TicketClient;
import org.printgate.protocol.client.TicketException;
import org.printgate.spooler.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-poll (6-3, §6.5): one thread holds a Get-Notifications open on the engine, which
 * works from behind NAT because the spooler makes the connection. Go-aheads, interrupts and
 * printer changes go to the {@link TicketAgent}. When the engine is away, it subscribes again
 * after a growing, jittered wait timed by the {@link Scheduler}; a new subscription brings
 * every unconfirmed go-ahead again.
 */
final class EngineEvents implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EngineEvents.class);

    private final TicketClient engine;
    private final TicketAgent agent;
    /** The one thread that holds the long-poll; between failed tries it is free, and the scheduler brings the next. */
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread events = new Thread(runnable, "engine-events");
        events.setDaemon(true);
        return events;
    });
    private final Scheduler scheduler;
    private final Backoff backoff;
    private volatile boolean open = true;
    /** Whether the last long-poll (or subscription) got an answer from the engine: what /metrics calls reachable. */
    private volatile boolean reachable;
    // Touched only on the events thread.
    private int subscription;
    private int sequence = 1;

    EngineEvents(TicketClient engine, TicketAgent agent, Scheduler scheduler, RandomGenerator random) {
        this.engine = engine;
        this.agent = agent;
        this.scheduler = scheduler;
        // The first wait is drawn from 0.25-0.75 s: half a second on average, as before the jitter.
        this.backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30), random);
    }

    void start() {
        thread.execute(this::poll);
    }

    /** One Get-Notifications (after subscribing, if need be); then the next, at once or after a wait. */
    private void poll() {
        if (!open) {
            return;
        }
        try {
            if (subscription == 0) {
                subscription = engine.subscribe();
                reachable = true;
                sequence = 1;
                log.info("subscribed to the engine's events (subscription {})", subscription);
                agent.resynchronize();
            }
            for (TicketClient.Notification event : engine.poll(subscription, sequence, true)) {
                sequence = Math.max(sequence, event.sequence() + 1);
                dispatch(event);
            }
            reachable = true;
            backoff.reset();
            again(Duration.ZERO);
        } catch (TicketException e) {
            reachable = true;
            // The engine forgot the subscription (restart, lease over): subscribe again.
            log.info("engine events: {}; subscribing again", e.getMessage());
            subscription = 0;
            again(backoff.next());
        } catch (IOException e) {
            reachable = false;
            if (open) {
                log.info("engine events: {}; trying again", e.toString());
                // An engine that restarted has forgotten us; a fresh subscription is always safe.
                subscription = 0;
                again(backoff.next());
            }
        } catch (RuntimeException e) {
            log.warn("engine events: unexpected {}", e.toString(), e);
            again(backoff.next());
        }
    }

    /** Did the engine answer the last long-poll? False before the first answer. */
    boolean reachable() {
        return reachable;
    }

    private void again(Duration wait) {
        if (!open) {
            return;
        }
        try {
            if (wait.isZero()) {
                thread.execute(this::poll);
            } else {
                scheduler.schedule(thread, this::poll, wait);
            }
        } catch (RejectedExecutionException closed) {
            // Closed meanwhile.
        }
    }

    private void dispatch(TicketClient.Notification event) {
        if (event.isGoAhead()) {
            agent.goAhead(event.jobId(), event.deviceUri());
        } else if (event.isPrinterChange() || event.isQueueNews()) {
            agent.queueChanged(event.printerUri(), event.reasons(), event.isPrinterChange(),
                    event.event().equals(com.hp.jipp.model.NotifyEvent.printerDeleted));
        } else if (event.state() != null && (event.state().equals(JobState.canceled) || event.state().equals(JobState.aborted))) {
            agent.endedByEngine(event.jobId(), event.state(), event.reasons(), event.message());
        } else if (event.reasons() != null && event.reasons().contains("processing-to-stop-point")) {
            // An interrupt of a printing job (fig. 5): the engine waits for us to stop and confirm.
            agent.endedByEngine(event.jobId(), JobState.canceled, event.reasons(), event.message());
        }
    }

    @Override
    public void close() {
        open = false;
        // Interrupts a long-poll under way.
        thread.shutdownNow();
    }
}
