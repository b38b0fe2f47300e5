package org.printgate.sim.snmp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link PrinterMibSource} whose values a test sets and changes between requests: an idle
 * office printer with two toners and two trays, until the test jams it.
 */
final class FakePrinter implements PrinterMibSource {

    volatile String sysDescr = "Printgate Sim Laser 9000, firmware 1.2.3";
    volatile String sysName;
    volatile String sysLocation = "Floor 2, room 204";
    volatile long sysUpTimeCentis = 123_456;
    volatile String deviceDescr = "Printgate Sim Laser 9000";
    volatile String ieee1284DeviceId = "MFG:Printgate;MDL:Sim Laser 9000;CMD:PDF,PWG;";
    volatile int hrDeviceStatus = 2;       // running
    volatile int hrPrinterStatus = 3;      // idle
    volatile byte[] errorState = {0, 0};
    volatile long lifeCount = 4711;
    volatile int coverStatus = 4;          // coverClosed
    volatile RuntimeException failure;     // thrown by sysName() when set

    final List<Supply> supplies = new CopyOnWriteArrayList<>(List.of(
            new Supply("Black Toner", 3, 3, 19, 100, 80),
            new Supply("Cyan Toner", 3, 3, 19, 100, 4)));
    final List<InputTray> inputs = new CopyOnWriteArrayList<>(List.of(
            new InputTray("Tray 1", 3, 250, 120, "iso_a4_210x297mm"),
            new InputTray("Tray 2", 3, 500, 0, "na_letter_8.5x11in")));
    final List<Alert> alerts = new CopyOnWriteArrayList<>(List.of(
            new Alert(3, 4, 11, 2, -2, 1104, "Cyan toner low", 100_000)));

    FakePrinter(String sysName) {
        this.sysName = sysName;
    }

    /** A paper jam: device down, printer status other, the jammed bit, a critical mediaPath alert. */
    void jam() {
        hrDeviceStatus = 5;   // down
        hrPrinterStatus = 1;  // other
        errorState = new byte[] {0x04, 0x00};  // jammed, bit 5
        alerts.add(new Alert(7, 3, 13, 1, -2, 8, "Paper jam", 200_000));
    }

    void clearJam() {
        hrDeviceStatus = 2;
        hrPrinterStatus = 3;
        errorState = new byte[] {0, 0};
        alerts.removeIf(alert -> alert.code() == 8);
    }

    @Override
    public String sysDescr() {
        return sysDescr;
    }

    @Override
    public String sysName() {
        RuntimeException e = failure;
        if (e != null) {
            throw e;
        }
        return sysName;
    }

    @Override
    public String sysLocation() {
        return sysLocation;
    }

    @Override
    public long sysUpTimeCentis() {
        return sysUpTimeCentis;
    }

    @Override
    public String deviceDescr() {
        return deviceDescr;
    }

    @Override
    public String ieee1284DeviceId() {
        return ieee1284DeviceId;
    }

    @Override
    public int hrDeviceStatus() {
        return hrDeviceStatus;
    }

    @Override
    public int hrPrinterStatus() {
        return hrPrinterStatus;
    }

    @Override
    public byte[] hrPrinterDetectedErrorState() {
        return errorState;
    }

    @Override
    public long prtMarkerLifeCount() {
        return lifeCount;
    }

    @Override
    public int prtCoverStatus() {
        return coverStatus;
    }

    @Override
    public List<Supply> supplies() {
        return List.copyOf(supplies);
    }

    @Override
    public List<InputTray> inputs() {
        return List.copyOf(inputs);
    }

    @Override
    public List<Alert> alerts() {
        return List.copyOf(alerts);
    }
}
