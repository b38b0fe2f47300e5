package org.printgate.spooler.ticket;

import com.hp.jipp.model.JobState;
import java.io.IOException;
import java.time.Duration;
import org.printgate.protocol.client.TicketClient;
import org.printgate.protocol.client.TicketException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-poll (6-3, §6.5): one thread holds a Get-Notifications open on the engine, which
 * works from behind NAT because the spooler makes the connection. Go-aheads, interrupts and
 * printer changes go to the {@link TicketAgent}. When the engine is away, it subscribes again
 * with a growing wait; a new subscription brings every unconfirmed go-ahead again.
 */
final class EngineEvents implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EngineEvents.class);

    private final TicketClient engine;
    private final TicketAgent agent;
    private final Thread thread;
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    private volatile boolean open = true;

    EngineEvents(TicketClient engine, TicketAgent agent) {
        this.engine = engine;
        this.agent = agent;
        this.thread = new Thread(this::loop, "engine-events");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        int subscription = 0;
        int sequence = 1;
        while (open) {
            try {
                if (subscription == 0) {
                    subscription = engine.subscribe();
                    sequence = 1;
                    log.info("subscribed to the engine's events (subscription {})", subscription);
                    agent.resynchronize();
                }
                for (TicketClient.Notification event : engine.poll(subscription, sequence, true)) {
                    sequence = Math.max(sequence, event.sequence() + 1);
                    dispatch(event);
                }
                backoff.reset();
            } catch (TicketException e) {
                // The engine forgot the subscription (restart, lease over): subscribe again.
                log.info("engine events: {}; subscribing again", e.getMessage());
                subscription = 0;
                pause();
            } catch (IOException e) {
                if (open) {
                    log.info("engine events: {}; trying again", e.toString());
                    // An engine that restarted has forgotten us; a fresh subscription is always safe.
                    subscription = 0;
                    pause();
                }
            } catch (RuntimeException e) {
                log.warn("engine events: unexpected {}", e.toString(), e);
                pause();
            }
        }
    }

    private void dispatch(TicketClient.Notification event) {
        if (event.isGoAhead()) {
            agent.goAhead(event.jobId(), event.deviceUri());
        } else if (event.isPrinterChange()) {
            agent.printerChanged(event.printerUri(), event.reasons());
        } else if (event.state() != null && (event.state().equals(JobState.canceled) || event.state().equals(JobState.aborted))) {
            agent.endedByEngine(event.jobId(), event.state(), event.reasons(), event.message());
        } else if (event.reasons() != null && event.reasons().contains("processing-to-stop-point")) {
            // An interrupt of a printing job (fig. 5): the engine waits for us to stop and confirm.
            agent.endedByEngine(event.jobId(), JobState.canceled, event.reasons(), event.message());
        }
    }

    private void pause() {
        try {
            Thread.sleep(backoff.next().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            open = false;
        }
    }

    @Override
    public void close() {
        open = false;
        thread.interrupt();
    }
}
