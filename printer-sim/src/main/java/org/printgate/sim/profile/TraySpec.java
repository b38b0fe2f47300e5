package org.printgate.sim.profile;

/**
 * An input tray (RFC 3805 prtInputEntry; IPP media-source and printer-input-tray).
 *
 * @param name prtInputName, e.g. "Tray 1"
 * @param mediaSource IPP media-source keyword, e.g. "tray-1", "main"
 * @param media IPP media (self-describing size name) loaded in it
 * @param maxCapacity prtInputMaxCapacity, in sheets
 * @param level prtInputCurrentLevel, in sheets, at start
 */
public record TraySpec(String name, String mediaSource, String media, int maxCapacity, int level) {}
