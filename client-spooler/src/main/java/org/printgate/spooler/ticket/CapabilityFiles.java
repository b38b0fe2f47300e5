package org.printgate.spooler.ticket;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capabilities of each queue a request needed, one IPP file per queue under
 * {@code capabilities/}, stamped with the queue's printer-config-change-time: written once when
 * fetched, used again (also after a restart, also while the engine is away) until the engine
 * says the queue's configuration changed.
 */
final class CapabilityFiles {
    private static final Logger log = LoggerFactory.getLogger(CapabilityFiles.class);

    /** What a file holds: the config change time it was fetched at, and the capabilities. */
    record Kept(int configChangeTime, List<Attribute<?>> capabilities) {}

    private final Path directory;

    CapabilityFiles(Path directory) {
        this.directory = directory;
    }

    Optional<Kept> read(String queue) {
        Path file = fileOf(queue);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            AttributeGroup group = IppPacket.read(in).get(Tag.printerAttributes);
            if (group == null) {
                return Optional.empty();
            }
            Integer changed = group.getValue(Types.printerConfigChangeTime);
            List<Attribute<?>> capabilities = new ArrayList<>();
            group.forEach(attribute -> {
                if (!attribute.getName().equals(Types.printerConfigChangeTime.getName())) {
                    capabilities.add(attribute);
                }
            });
            return Optional.of(new Kept(changed == null ? 0 : changed, capabilities));
        } catch (IOException | RuntimeException e) {
            log.info("the kept capabilities of {} cannot be read ({}); asking the engine", queue, e.toString());
            return Optional.empty();
        }
    }

    void write(String queue, int configChangeTime, List<Attribute<?>> capabilities) {
        List<Attribute<?>> attributes = new ArrayList<>();
        attributes.add(Types.printerConfigChangeTime.of(configChangeTime));
        capabilities.stream().filter(a -> !a.getName().equals(Types.printerConfigChangeTime.getName())).forEach(attributes::add);
        try {
            Files.createDirectories(directory);
            Path partial = directory.resolve(queue + ".ipp.new");
            try (OutputStream out = Files.newOutputStream(partial)) {
                new IppPacket(0x0200, 0, 0, List.of(AttributeGroup.groupOf(Tag.printerAttributes, attributes))).write(out);
            }
            Files.move(partial, fileOf(queue), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot keep the capabilities of {} in {}: {}", queue, directory, e.toString());
        }
    }

    void delete(String queue) {
        try {
            Files.deleteIfExists(fileOf(queue));
        } catch (IOException e) {
            log.info("cannot remove the kept capabilities of {}: {}", queue, e.toString());
        }
    }

    /** Queue names match [A-Za-z0-9][A-Za-z0-9._-]* (§3.1): safe as file names. */
    private Path fileOf(String queue) {
        return directory.resolve(queue + ".ipp");
    }
}
