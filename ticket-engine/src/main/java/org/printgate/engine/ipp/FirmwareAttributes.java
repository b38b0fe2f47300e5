package org.printgate.engine.ipp;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.Name;
import com.hp.jipp.encoding.Text;
import com.hp.jipp.model.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.printgate.engine.Engine;
import org.printgate.engine.store.DeviceReport;
import org.printgate.probe.Firmware;
import org.printgate.protocol.PrintgateTypes;

/**
 * A queue's firmware as operators see it in Get-Printer-Attributes (docs/firmware.md §4):
 * {@code printgate-firmware-managed}, and {@code printer-firmware-*} as its managed printer last
 * reported them, else as the watch last read them from an ipp printer (name and string version only).
 */
final class FirmwareAttributes {
    private FirmwareAttributes() {}

    static List<Attribute<?>> of(Engine engine, String queue) {
        List<Attribute<?>> attributes = new ArrayList<>();
        attributes.add(PrintgateTypes.firmwareManaged.of(engine.managed(queue)));
        Optional<DeviceReport> report = engine.deviceReport(queue).filter(DeviceReport::hasFirmware);
        if (report.isPresent()) {
            DeviceReport r = report.get();
            attributes.add(Types.printerFirmwareName.of(r.firmwareNames().stream().map(Name::new).toList()));
            attributes.add(Types.printerFirmwareStringVersion.of(r.firmwareStringVersions().stream().map(Text::new).toList()));
            attributes.add(Types.printerFirmwareVersion.of(r.firmwareVersions()));
            if (!r.firmwarePatches().isEmpty()) {
                attributes.add(Types.printerFirmwarePatches.of(r.firmwarePatches().stream().map(Text::new).toList()));
            }
            return attributes;
        }
        Firmware read = engine.watch().firmware(queue);
        if (read.isKnown()) {
            attributes.add(Types.printerFirmwareName.of(List.of(new Name(read.name()))));
            attributes.add(Types.printerFirmwareStringVersion.of(List.of(new Text(read.version()))));
        }
        return attributes;
    }
}
