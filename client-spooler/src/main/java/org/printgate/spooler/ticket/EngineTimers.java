package org.printgate.spooler.ticket;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.UntypedCollection;
import java.io.IOException;
import org.printgate.protocol.PrintgateTypes;
import org.printgate.protocol.client.TicketClient;

/** The engine's timers (printgate-timeouts, §10), read once and kept: heartbeats follow the stall timeout. */
final class EngineTimers {
    private static final long DEFAULT_STALL_SECONDS = 45;
    private final TicketClient engine;
    private volatile long stallSeconds = -1;

    EngineTimers(TicketClient engine) {
        this.engine = engine;
    }

    long stallSeconds() {
        if (stallSeconds > 0) {
            return stallSeconds;
        }
        try {
            AttributeGroup system = engine.system();
            UntypedCollection timeouts = system == null ? null : system.getValue(PrintgateTypes.timeouts);
            if (timeouts != null) {
                for (var member : timeouts.getAttributes()) {
                    if (member.getName().equals("stall") && member.getValue() instanceof Integer seconds && seconds >= 3) {
                        stallSeconds = seconds;
                        return seconds;
                    }
                }
            }
        } catch (IOException e) {
            return DEFAULT_STALL_SECONDS;
        }
        return DEFAULT_STALL_SECONDS;
    }
}
