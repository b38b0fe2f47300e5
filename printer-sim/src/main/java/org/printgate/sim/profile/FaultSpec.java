package org.printgate.sim.profile;

/**
 * One fault as written in a profile or posted to the control API, e.g.
 * {@code {type: jam, at-page: 5}}. Parameters a fault type does not use are ignored.
 *
 * @param type what goes wrong
 * @param atPage for {@link FaultType#JAM}: which page from now jams (none: jammed at once)
 * @param afterPages for {@link FaultType#TONER_EMPTY}: pages still printed before it is empty (default 0)
 * @param atByte for {@link FaultType#RESET}: document bytes taken before the reset (default 0)
 * @param bytesPerSecond for {@link FaultType#SLOW_INTAKE}: intake rate (default 1024)
 */
public record FaultSpec(FaultType type, Integer atPage, Integer afterPages, Long atByte, Integer bytesPerSecond) {

    public static FaultSpec of(FaultType type) {
        return new FaultSpec(type, null, null, null, null);
    }

    public int atPageOrDefault() {
        return atPage == null ? 1 : Math.max(1, atPage);
    }

    public int afterPagesOrDefault() {
        return afterPages == null ? 0 : Math.max(0, afterPages);
    }

    public long atByteOrDefault() {
        return atByte == null ? 0 : Math.max(0, atByte);
    }

    public int bytesPerSecondOrDefault() {
        return bytesPerSecond == null ? 1024 : Math.max(1, bytesPerSecond);
    }
}
