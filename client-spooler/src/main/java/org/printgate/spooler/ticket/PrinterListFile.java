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
import java.util.Collection;
import java.util.List;
import org.printgate.protocol.PrintgateTypes;
import org.printgate.spooler.local.LocalPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last list of local printers, kept on disk as IPP (one printer-attributes group per printer:
 * its identity, then its capabilities), replaced atomically. Read at start, before the engine
 * answers; a printer read from it is shown up until the engine says otherwise.
 */
final class PrinterListFile {
    private static final Logger log = LoggerFactory.getLogger(PrinterListFile.class);

    private PrinterListFile() {}

    static List<LocalPrinter> read(Path file) {
        List<LocalPrinter> printers = new ArrayList<>();
        if (!Files.exists(file)) {
            return printers;
        }
        try (InputStream in = Files.newInputStream(file)) {
            for (AttributeGroup group : IppPacket.read(in).getAttributeGroups()) {
                if (!group.getTag().equals(Tag.printerAttributes)) {
                    continue;
                }
                List<Attribute<?>> capabilities = new ArrayList<>();
                for (Attribute<?> attribute : group) {
                    if (!isIdentity(attribute)) {
                        capabilities.add(attribute);
                    }
                }
                URI snmp = group.getValue(PrintgateTypes.snmpUri);
                var location = group.getValue(Types.printerLocation);
                printers.add(new LocalPrinter(group.getValue(Types.printerName).getValue(), group.getValue(PrintgateTypes.deviceUri),
                        snmp, true, List.of("none"), true, location == null ? "" : location.getValue(), capabilities));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("the remembered printer list {} cannot be read ({}); waiting for the engine's", file, e.toString());
        }
        return printers;
    }

    /** The attributes that say which printer it is, kept in the file beside its capabilities. */
    private static boolean isIdentity(Attribute<?> attribute) {
        String name = attribute.getName();
        return name.equals(Types.printerName.getName()) || name.equals(Types.printerLocation.getName())
                || name.startsWith("printgate-");
    }

    static void write(Path file, Collection<LocalPrinter> printers) {
        List<AttributeGroup> groups = new ArrayList<>();
        for (LocalPrinter printer : printers) {
            List<Attribute<?>> attributes = new ArrayList<>(List.of(Types.printerName.of(printer.name()),
                    PrintgateTypes.deviceUri.of(printer.deviceUri()), Types.printerLocation.of(printer.location())));
            if (printer.snmpUri() != null) {
                attributes.add(PrintgateTypes.snmpUri.of(printer.snmpUri()));
            }
            printer.capabilities().stream().filter(a -> !isIdentity(a)).forEach(attributes::add);
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
