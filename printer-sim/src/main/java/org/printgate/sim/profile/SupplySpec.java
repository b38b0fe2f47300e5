package org.printgate.sim.profile;

/**
 * A marker supply (RFC 3805 prtMarkerSuppliesEntry; IPP printer-supply and marker-*).
 *
 * @param description prtMarkerSuppliesDescription and marker-names, e.g. "Black Toner"
 * @param color marker-colors: "#000000", "#00FFFF" ... (PWG 5100.13)
 * @param kind marker-types keyword: "toner", "ink", "waste-toner"
 * @param level percent left at start, 0-100
 * @param pagesPerPercent how many pages use up one percent of it
 */
public record SupplySpec(String description, String color, String kind, int level, int pagesPerPercent) {}
