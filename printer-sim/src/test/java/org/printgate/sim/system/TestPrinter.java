package org.printgate.sim.system;

import java.util.List;

/**
 * One printer of a system test's profile, written as the YAML a user would write, so the real
 * profile reader is part of every test. Unless a test says otherwise the printer is fast (6000
 * pages per minute, 10 ms a page), takes every format the tests send, has one tray of 500 sheets
 * filled to 300 and one black toner at 80 %.
 */
final class TestPrinter {
    static final int FAST_PAGES_PER_MINUTE = 6000;
    static final List<String> DOCUMENT_FORMATS = List.of("application/pdf", "image/pwg-raster",
            "application/postscript", "application/vnd.hp-pcl", "text/plain", "application/octet-stream");
    static final String FIRMWARE_NAME = "Bench Firmware";
    static final String FIRMWARE_VERSION = "2.7.1";
    static final int TRAY_CAPACITY = 500;
    static final int TRAY_LEVEL = 300;
    static final int TONER_LEVEL = 80;

    private final String name;
    private int pagesPerMinute = FAST_PAGES_PER_MINUTE;
    private long memoryBytes = 16L * 1024 * 1024;
    private String faults = "[]";
    private final StringBuilder more = new StringBuilder();

    private TestPrinter(String name) {
        this.name = name;
    }

    /** A printer whose name says what it is for, e.g. "jams-at-page-3". */
    static TestPrinter named(String name) {
        return new TestPrinter(name);
    }

    TestPrinter pagesPerMinute(int pages) {
        this.pagesPerMinute = pages;
        return this;
    }

    TestPrinter memoryBytes(long bytes) {
        this.memoryBytes = bytes;
        return this;
    }

    /** Faults armed at start, as a YAML flow list: {@code [{type: jam, at-page: 3}]}. */
    TestPrinter faults(String yamlList) {
        this.faults = yamlList;
        return this;
    }

    /** More settings of the printer, as YAML {@code key: value}, e.g. {@code engine-uri: ipp://…}. */
    TestPrinter with(String key, String value) {
        more.append("    ").append(key).append(": ").append(value).append('\n');
        return this;
    }

    String name() {
        return name;
    }

    String yaml() {
        return """
                  - printer-name: %s
                    printer-make-and-model: Printgate Sim Bench 1
                    printer-info: System test printer
                    printer-location: Test bench
                    document-format-supported: [%s]
                    pages-per-minute: %d
                    color-supported: false
                    sides-supported: [one-sided, two-sided-long-edge]
                    media-supported: [iso_a4_210x297mm, na_letter_8.5x11in]
                    media-default: iso_a4_210x297mm
                    printer-resolution-supported: [300, 600]
                    printer-firmware-name: %s
                    printer-firmware-string-version: "%s"
                    memory-bytes: %d
                    trays:
                      - {name: Tray 1, media-source: tray-1, media: iso_a4_210x297mm, max-capacity: %d, level: %d}
                    supplies:
                      - {description: Black Toner, color: "#000000", kind: toner, level: %d, pages-per-percent: 50}
                    faults: %s
                """.formatted(name, String.join(", ", DOCUMENT_FORMATS), pagesPerMinute, FIRMWARE_NAME,
                FIRMWARE_VERSION, memoryBytes, TRAY_CAPACITY, TRAY_LEVEL, TONER_LEVEL, faults) + more;
    }
}
