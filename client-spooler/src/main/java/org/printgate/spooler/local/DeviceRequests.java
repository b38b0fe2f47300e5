package org.printgate.spooler.local;

import com.hp.jipp.encoding.IppPacket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.printgate.ipp.IppClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Small requests passed on to a real IPP printer, answered or not in the background. */
final class DeviceRequests {
    private static final Logger log = LoggerFactory.getLogger(DeviceRequests.class);
    private static final IppClient CLIENT = new IppClient(Duration.ofSeconds(5), Duration.ofSeconds(10));

    private DeviceRequests() {}

    static void sendInBackground(URI device, IppPacket request) {
        CompletableFuture.runAsync(() -> {
            try {
                IppPacket answer = CLIENT.send(device, request);
                log.info("{} answered {} with {}", device, request.getCode(), answer.getStatus());
            } catch (Exception e) {
                log.info("{} could not be asked: {}", device, e.toString());
            }
        });
    }
}
