package org.printgate.spooler.ticket;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.printgate.protocol.PrintgateTypes;
import org.printgate.spooler.local.LocalPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last list of printers shown here, kept on disk as IPP (one printer-attributes group per
 * printer) and replaced atomically, only when the list changed. It holds what taking a job needs
 * while the engine is away — the queue, the real printer's address, its page counter, its
 * location — and the printer-config-change-time of each, which says whether the capabilities
 * kept apart ({@link CapabilityFiles}) still hold. A few hundred bytes a queue, not the capabilities:
 * read at start, before the engine answers; a printer read from it is shown up until the engine
 * says otherwise. (A file of an older spooler, with the capabilities inside, reads too.)
 */
final class PrinterListFile {
    private static final Logger log = LoggerFactory.getLogger(PrinterListFile.class);

    /** One printer as the file keeps it. */
    record Entry(String name, URI deviceUri, URI snmpUri, String location, int configChangeTime) {
        static Entry of(LocalPrinter printer, int configChangeTime) {
            return new Entry(printer.name(), printer.deviceUri(), printer.snmpUri(), printer.location(), configChangeTime);
        }

        /** The printer, shown up and accepting until the engine says otherwise; capabilities the defaults until fetched. */
        LocalPrinter printer() {
            return new LocalPrinter(name, deviceUri, snmpUri, true, List.of("none"), true, location, List.of());
        }
    }

    private PrinterListFile() {}

    static List<Entry> read(Path file) {
        List<Entry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        try (InputStream in = Files.newInputStream(file)) {
            for (AttributeGroup group : IppPacket.read(in).getAttributeGroups()) {
                if (!group.getTag().equals(Tag.printerAttributes)) {
                    continue;
                }
                var location = group.getValue(Types.printerLocation);
                Integer changed = group.getValue(Types.printerConfigChangeTime);
                entries.add(new Entry(group.getValue(Types.printerName).getValue(), group.getValue(PrintgateTypes.deviceUri),
                        group.getValue(PrintgateTypes.snmpUri), location == null ? "" : location.getValue(),
                        changed == null ? 0 : changed));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("the remembered printer list {} cannot be read ({}); waiting for the engine's", file, e.toString());
        }
        return entries;
    }

    static void write(Path file, List<Entry> entries) {
        List<AttributeGroup> groups = new ArrayList<>();
        for (Entry entry : entries) {
            List<Attribute<?>> attributes = new ArrayList<>(List.of(Types.printerName.of(entry.name()),
                    PrintgateTypes.deviceUri.of(entry.deviceUri()), Types.printerLocation.of(entry.location()),
                    Types.printerConfigChangeTime.of(entry.configChangeTime())));
            if (entry.snmpUri() != null) {
                attributes.add(PrintgateTypes.snmpUri.of(entry.snmpUri()));
            }
            groups.add(AttributeGroup.groupOf(Tag.printerAttributes, attributes));
        }
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".new");
            try (OutputStream out = Files.newOutputStream(partial)) {
                new IppPacket(0x0200, 0, 0, groups).write(out);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot keep the printer list in {}: {}", file, e.toString());
        }
    }
}
