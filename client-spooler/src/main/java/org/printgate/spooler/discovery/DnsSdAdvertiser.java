package org.printgate.spooler.discovery;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * Advertises the local printers over DNS-SD on the loopback interface, through the platform's
 * responder, so print dialogs and CUPS find them without anyone adding a queue. Advertising is a
 * convenience: without a responder the spooler works as before, and says so once.
 */
public interface DnsSdAdvertiser extends AutoCloseable {

    /**
     * Starts advertising what {@code services} gives; it is asked again, on the advertiser's own
     * thread, after every {@link #changed()}.
     */
    void start(Supplier<Collection<PrinterService>> services);

    /** What the services are has changed. Returns at once; calls close together into one update. */
    void changed();

    /** The instance names the responder holds, by queue: the wanted name, or another after a clash. */
    Map<String, String> advertisedNames();

    /** Withdraws every service. */
    @Override
    void close();

    /** The platform's responder: avahi over the D-Bus system bus on Linux; none elsewhere. */
    static DnsSdAdvertiser forThisPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux")) {
            return new AvahiAdvertiser();
        }
        LoggerFactory.getLogger(DnsSdAdvertiser.class)
                .info("DNS-SD: no responder Printgate can use on {}; queues are not advertised", System.getProperty("os.name"));
        return none();
    }

    /** Advertises nothing. */
    static DnsSdAdvertiser none() {
        return new DnsSdAdvertiser() {
            @Override
            public void start(Supplier<Collection<PrinterService>> services) {
            }

            @Override
            public void changed() {
            }

            @Override
            public Map<String, String> advertisedNames() {
                return Map.of();
            }

            @Override
            public void close() {
            }
        };
    }
}
