package org.printgate.spooler.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.printgate.spooler.local.LocalPrinter;

/** A desktop shown many queues advertises the first ones by name, a bounded number. */
class AdvertisedQueuesTest {

    @Test
    void theFirstQueuesByNameAreAdvertisedAndNoMore() {
        List<PrinterService> services = new ArrayList<>();
        for (int i = 250; i >= 1; i--) {
            LocalPrinter printer = new LocalPrinter(String.format("queue-%03d", i), URI.create("socket://192.0.2.1:9100"), null,
                    true, List.of(), true, "", List.of());
            services.add(PrinterService.of(printer, 8631));
        }

        var chosen = AvahiAdvertiser.advertisedOf(services, AvahiAdvertiser.MOST_ADVERTISED);

        assertThat(chosen).hasSize(AvahiAdvertiser.MOST_ADVERTISED);
        assertThat(chosen.keySet()).first().isEqualTo("queue-001");
        assertThat(chosen).containsKey("queue-200").doesNotContainKey("queue-201");
        assertThat(AvahiAdvertiser.advertisedOf(services.subList(0, 3), AvahiAdvertiser.MOST_ADVERTISED)).hasSize(3);
    }
}
