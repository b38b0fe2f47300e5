package org.printgate.sim.hardware;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.printgate.sim.profile.FaultSpec;
import org.printgate.sim.profile.FaultType;
import org.printgate.sim.profile.PrinterSpec;
import org.printgate.sim.profile.SupplySpec;
import org.printgate.sim.profile.TraySpec;
import org.printgate.sim.snmp.PrinterMibSource;

/**
 * The physical state of one simulated printer: trays, supplies, cover, jam, power/online,
 * memory, page counter and the faults armed against them. Everything the outside world sees is
 * derived from here — IPP {@code printer-state} and {@code printer-state-reasons}, the raw port's
 * behaviour and the SNMP Printer MIB values — so the three always agree.
 *
 * <p>One lock guards the state; the marking engine waits on it while the printer cannot print.
 */
public final class Hardware implements PrinterMibSource {
    /** CUPS calls a supply low at 5 % or less; a tray at 10 % or less of its capacity is low. */
    private static final int SUPPLY_LOW_PERCENT = 5;
    private static final int TRAY_LOW_PERCENT = 10;

    private final PrinterSpec spec;
    private final long bootNanos = System.nanoTime();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    private final int[] trayLevels;
    private final int[] supplyLevels;
    private final int[] supplyPagesIntoPercent;
    private boolean online = true;
    private boolean coverOpen;
    private boolean jammed;
    private boolean printing;
    private boolean busy;
    private boolean hung;
    private boolean memoryFull;
    private int jamCountdown;
    private int tonerCountdown = -1;
    private long resetAtByte = -1;
    private int intakeBytesPerSecond;
    private long lifeCount;
    private final Map<Condition_, Long> raisedAt = new EnumMap<>(Condition_.class);

    /** The conditions that raise Printer MIB alerts; the ordinal + 1 is the alert's index. */
    private enum Condition_ { JAM, COVER_OPEN, NO_PAPER, NO_TONER, OFFLINE, LOW_TONER, LOW_PAPER }

    public Hardware(PrinterSpec spec) {
        this.spec = spec;
        this.trayLevels = spec.trays().stream().mapToInt(TraySpec::level).toArray();
        this.supplyLevels = spec.supplies().stream().mapToInt(SupplySpec::level).toArray();
        this.supplyPagesIntoPercent = new int[supplyLevels.length];
        for (FaultSpec fault : spec.faults()) {
            apply(fault);
        }
    }

    public PrinterSpec spec() {
        return spec;
    }

    /** Called after every state change (outside the lock), e.g. to close ports when offline. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    // ---- faults ----

    public void apply(FaultSpec fault) {
        lock.lock();
        try {
            switch (fault.type()) {
                case JAM -> {
                    // No page given: the paper path jams now; else the given page from now jams.
                    if (fault.atPage() == null) {
                        jammed = true;
                    } else {
                        jamCountdown = fault.atPageOrDefault();
                    }
                }
                case OUT_OF_PAPER -> java.util.Arrays.fill(trayLevels, 0);
                case TONER_EMPTY -> {
                    tonerCountdown = fault.afterPagesOrDefault();
                    if (tonerCountdown == 0 && supplyLevels.length > 0) {
                        supplyLevels[0] = 0;
                        tonerCountdown = -1;
                    }
                }
                case COVER_OPEN -> coverOpen = true;
                case OFFLINE -> online = false;
                case RESET -> resetAtByte = fault.atByteOrDefault();
                case SLOW_INTAKE -> intakeBytesPerSecond = fault.bytesPerSecondOrDefault();
                case BUSY -> busy = true;
                case HANG -> hung = true;
                case MEMORY_FULL -> memoryFull = true;
            }
            noteConditions();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        fire();
    }

    /** Undoes a fault the way an operator would: clear the jam, refill, replace, close, go online. */
    public void clear(FaultType type) {
        lock.lock();
        try {
            switch (type) {
                case JAM -> {
                    jammed = false;
                    jamCountdown = 0;
                }
                case OUT_OF_PAPER -> {
                    for (int i = 0; i < trayLevels.length; i++) {
                        trayLevels[i] = spec.trays().get(i).maxCapacity();
                    }
                }
                case TONER_EMPTY -> {
                    java.util.Arrays.fill(supplyLevels, 100);
                    tonerCountdown = -1;
                }
                case COVER_OPEN -> coverOpen = false;
                case OFFLINE -> online = true;
                case RESET -> resetAtByte = -1;
                case SLOW_INTAKE -> intakeBytesPerSecond = 0;
                case BUSY -> busy = false;
                case HANG -> hung = false;
                case MEMORY_FULL -> memoryFull = false;
            }
            noteConditions();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        fire();
    }

    public void clearAll() {
        for (FaultType type : FaultType.values()) {
            clear(type);
        }
    }

    // ---- what the data paths ask ----

    public boolean online() {
        return read(() -> online);
    }

    public boolean busy() {
        return read(() -> busy || memoryFull);
    }

    public boolean hung() {
        return read(() -> hung);
    }

    /** Blocks while the printer is hung; returns false if {@code abandon} turns true first. */
    public boolean awaitNotHung(BooleanSupplier abandon) throws InterruptedException {
        return awaitWhile(() -> hung, abandon);
    }

    /** Blocks while the printer is busy or its memory is full. */
    public boolean awaitNotBusy(BooleanSupplier abandon) throws InterruptedException {
        return awaitWhile(() -> busy || memoryFull, abandon);
    }

    /** Intake limit in bytes per second, 0 for none. */
    public int intakeBytesPerSecond() {
        return read(() -> intakeBytesPerSecond);
    }

    /** Takes the armed one-shot reset: the byte count after which to reset, or -1. */
    public long takeResetAtByte() {
        lock.lock();
        try {
            long at = resetAtByte;
            resetAtByte = -1;
            return at;
        } finally {
            lock.unlock();
        }
    }

    // ---- what the marking engine does ----

    /**
     * Waits until the printer could put a sheet through (no jam, cover closed, online, paper and
     * toner), marking it as printing. Returns false if {@code abandon} turns true first.
     */
    public boolean awaitReadyToPrint(BooleanSupplier abandon) throws InterruptedException {
        if (!awaitWhile(this::stoppedLocked, abandon)) {
            return false;
        }
        setPrinting(true);
        return true;
    }

    /**
     * Puts one sheet through. Returns false when it jams instead (the page does not come out and
     * the printer stops until the jam is cleared); true when it came out, taking a sheet, toner
     * and a count on the page counter.
     */
    public boolean feedSheet() {
        lock.lock();
        try {
            if (jamCountdown > 0 && --jamCountdown == 0) {
                jammed = true;
                noteConditions();
                return false;
            }
            for (int i = 0; i < trayLevels.length; i++) {
                if (trayLevels[i] > 0) {
                    trayLevels[i]--;
                    break;
                }
            }
            useToner();
            lifeCount++;
            noteConditions();
            return true;
        } finally {
            lock.unlock();
        }
    }

    public void setPrinting(boolean nowPrinting) {
        lock.lock();
        try {
            printing = nowPrinting;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code nanos} or until the state changes; the engine's pacing sleep. */
    public void pause(long nanos) throws InterruptedException {
        lock.lock();
        try {
            changed.awaitNanos(nanos);
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter, e.g. after a job was canceled. */
    public void poke() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void useToner() {
        if (supplyLevels.length == 0) {
            return;
        }
        // The first supply is the black marker every page uses; colour supplies are not modelled per page.
        if (tonerCountdown > 0 && --tonerCountdown == 0) {
            supplyLevels[0] = 0;
            tonerCountdown = -1;
            return;
        }
        int perPercent = Math.max(1, spec.supplies().get(0).pagesPerPercent());
        if (++supplyPagesIntoPercent[0] >= perPercent) {
            supplyPagesIntoPercent[0] = 0;
            supplyLevels[0] = Math.max(0, supplyLevels[0] - 1);
        }
    }

    // ---- derived state ----

    private boolean noPaperLocked() {
        if (trayLevels.length == 0) {
            return false;
        }
        for (int level : trayLevels) {
            if (level > 0) {
                return false;
            }
        }
        return true;
    }

    private boolean noTonerLocked() {
        return supplyLevels.length > 0 && supplyLevels[0] == 0;
    }

    private boolean lowTonerLocked() {
        for (int level : supplyLevels) {
            if (level > 0 && level <= SUPPLY_LOW_PERCENT) {
                return true;
            }
        }
        return false;
    }

    private boolean lowPaperLocked() {
        for (int i = 0; i < trayLevels.length; i++) {
            int max = spec.trays().get(i).maxCapacity();
            if (trayLevels[i] > 0 && trayLevels[i] * 100 <= max * TRAY_LOW_PERCENT) {
                return true;
            }
        }
        return false;
    }

    private boolean stoppedLocked() {
        return jammed || coverOpen || !online || noPaperLocked() || noTonerLocked();
    }

    /** IPP printer-state: idle(3), processing(4) or stopped(5) (RFC 8011 §5.4.11). */
    public int printerState() {
        return read(() -> stoppedLocked() ? 5 : printing ? 4 : 3);
    }

    /**
     * IPP printer-state-reasons keywords (RFC 8011 §5.4.12, PWG 5100.9), "none" when all is well.
     * Conditions that stop the printer carry no suffix (which means -error); low supplies are
     * -warning, as printers send them, so monitors do not take a low toner for a stopped printer.
     */
    public List<String> printerStateReasons() {
        lock.lock();
        try {
            List<String> reasons = new ArrayList<>();
            if (jammed) {
                reasons.add("media-jam");
            }
            if (coverOpen) {
                reasons.add("cover-open");
            }
            if (noPaperLocked()) {
                reasons.add("media-empty");
                reasons.add("media-needed");
            } else if (lowPaperLocked()) {
                reasons.add("media-low-warning");
            }
            if (noTonerLocked()) {
                reasons.add(spec.supplies().get(0).kind().equals("ink") ? "marker-supply-empty" : "toner-empty");
            } else if (lowTonerLocked()) {
                reasons.add(spec.supplies().get(0).kind().equals("ink") ? "marker-supply-low-warning" : "toner-low-warning");
            }
            if (!online) {
                reasons.add("offline");
            }
            if (memoryFull) {
                reasons.add("spool-area-full");
            }
            if (reasons.isEmpty()) {
                reasons.add("none");
            }
            return reasons;
        } finally {
            lock.unlock();
        }
    }

    public int[] trayLevels() {
        return read(trayLevels::clone);
    }

    public int[] supplyLevels() {
        return read(supplyLevels::clone);
    }

    public long pageCount() {
        return read(() -> lifeCount);
    }

    // ---- Printer MIB (RFC 3805) and Host Resources MIB (RFC 2790) ----

    @Override
    public String sysDescr() {
        return spec.printerMakeAndModel() + ", firmware " + spec.printerFirmwareStringVersion();
    }

    @Override
    public String sysName() {
        return spec.printerName();
    }

    @Override
    public String sysLocation() {
        return spec.printerLocation() == null ? "" : spec.printerLocation();
    }

    @Override
    public long sysUpTimeCentis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - bootNanos) / 10;
    }

    @Override
    public String deviceDescr() {
        return spec.printerMakeAndModel();
    }

    @Override
    public String ieee1284DeviceId() {
        String model = spec.printerMakeAndModel();
        String make = model.split(" ")[0];
        return "MFG:" + make + ";MDL:" + model.substring(make.length()).trim() + ";CMD:" + commandSet() + ";";
    }

    private String commandSet() {
        List<String> commands = new ArrayList<>();
        for (String format : spec.documentFormatSupported()) {
            switch (format) {
                case "application/pdf" -> commands.add("PDF");
                case "image/pwg-raster" -> commands.add("PWGRaster");
                case "application/postscript" -> commands.add("POSTSCRIPT");
                case "application/vnd.hp-pcl" -> commands.add("PCL");
                case "image/jpeg" -> commands.add("JPEG");
                default -> { }
            }
        }
        return String.join(",", commands);
    }

    @Override
    public int hrDeviceStatus() {
        return read(() -> stoppedLocked() ? 5 : (lowTonerLocked() || lowPaperLocked()) ? 3 : 2);
    }

    @Override
    public int hrPrinterStatus() {
        return read(() -> stoppedLocked() ? 1 : printing ? 4 : 3);
    }

    @Override
    public byte[] hrPrinterDetectedErrorState() {
        lock.lock();
        try {
            int bits = 0;
            bits |= lowPaperLocked() ? bit(0) : 0;
            bits |= noPaperLocked() ? bit(1) | bit(13) : 0;
            bits |= lowTonerLocked() ? bit(2) : 0;
            bits |= noTonerLocked() ? bit(3) : 0;
            bits |= coverOpen ? bit(4) : 0;
            bits |= jammed ? bit(5) : 0;
            bits |= !online ? bit(6) : 0;
            return new byte[] {(byte) (bits >> 8), (byte) bits};
        } finally {
            lock.unlock();
        }
    }

    /** Bit n counted from the most significant bit of the first of two octets (RFC 2790). */
    private static int bit(int n) {
        return 0x8000 >>> n;
    }

    @Override
    public long prtMarkerLifeCount() {
        return pageCount();
    }

    @Override
    public int prtCoverStatus() {
        return read(() -> coverOpen ? 3 : 4);
    }

    @Override
    public List<Supply> supplies() {
        int[] levels = supplyLevels();
        List<Supply> supplies = new ArrayList<>();
        for (int i = 0; i < levels.length; i++) {
            SupplySpec supply = spec.supplies().get(i);
            // prtMarkerSuppliesType: toner(3), ink(5), wasteToner(4); unit percent(19).
            int type = switch (supply.kind()) {
                case "ink" -> 5;
                case "waste-toner" -> 4;
                default -> 3;
            };
            supplies.add(new Supply(supply.description(), 3, type, 19, 100, levels[i]));
        }
        return supplies;
    }

    @Override
    public List<InputTray> inputs() {
        int[] levels = trayLevels();
        List<InputTray> inputs = new ArrayList<>();
        for (int i = 0; i < levels.length; i++) {
            TraySpec tray = spec.trays().get(i);
            // prtInputType sheetFeedAutoRemovableTray(3).
            inputs.add(new InputTray(tray.name(), 3, tray.maxCapacity(), levels[i], tray.media()));
        }
        return inputs;
    }

    @Override
    public List<Alert> alerts() {
        lock.lock();
        try {
            List<Alert> alerts = new ArrayList<>();
            for (Map.Entry<Condition_, Long> raised : raisedAt.entrySet()) {
                alerts.add(alertFor(raised.getKey(), raised.getValue()));
            }
            return alerts;
        } finally {
            lock.unlock();
        }
    }

    /** RFC 3805 PrtAlertGroupTC / PrtAlertCodeTC values for each condition. */
    private Alert alertFor(Condition_ condition, long time) {
        int index = condition.ordinal() + 1;
        return switch (condition) {
            case JAM -> new Alert(index, 3, 13, 1, -2, 8, "Paper jam", time);
            case COVER_OPEN -> new Alert(index, 3, 6, 1, -2, 3, "Cover open", time);
            case NO_PAPER -> new Alert(index, 3, 8, 1, -2, 808, "Out of paper", time);
            case NO_TONER -> new Alert(index, 3, 11, 1, -2, 1101, "Toner empty", time);
            case OFFLINE -> new Alert(index, 3, 5, -1, -2, 22, "Offline", time);
            case LOW_TONER -> new Alert(index, 4, 11, 1, -2, 1104, "Toner low", time);
            case LOW_PAPER -> new Alert(index, 4, 8, 1, -2, 807, "Paper low", time);
        };
    }

    /** Keeps when each alert condition was raised; called with the lock held after a change. */
    private void noteConditions() {
        note(Condition_.JAM, jammed);
        note(Condition_.COVER_OPEN, coverOpen);
        note(Condition_.NO_PAPER, noPaperLocked());
        note(Condition_.NO_TONER, noTonerLocked());
        note(Condition_.OFFLINE, !online);
        note(Condition_.LOW_TONER, lowTonerLocked());
        note(Condition_.LOW_PAPER, lowPaperLocked());
    }

    private void note(Condition_ condition, boolean present) {
        if (present) {
            raisedAt.putIfAbsent(condition, sysUpTimeCentis());
        } else {
            raisedAt.remove(condition);
        }
    }

    // ---- plumbing ----

    private boolean awaitWhile(BooleanSupplier blocked, BooleanSupplier abandon) throws InterruptedException {
        lock.lock();
        try {
            while (blocked.getAsBoolean()) {
                if (abandon.getAsBoolean()) {
                    return false;
                }
                // Re-checked at least every 200 ms so an abandon flag set elsewhere is seen.
                changed.await(200, TimeUnit.MILLISECONDS);
            }
            return !abandon.getAsBoolean();
        } finally {
            lock.unlock();
        }
    }

    private <T> T read(java.util.function.Supplier<T> getter) {
        lock.lock();
        try {
            return getter.get();
        } finally {
            lock.unlock();
        }
    }

    private void fire() {
        for (Runnable listener : listeners) {
            listener.run();
        }
    }
}
