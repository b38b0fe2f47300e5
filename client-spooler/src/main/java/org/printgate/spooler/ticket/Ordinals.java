package org.printgate.spooler.ticket;

/** "1st", "2nd", "3rd", "11th", "22nd": places in line for job messages. */
final class Ordinals {
    private Ordinals() {}

    static String of(int n) {
        int lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
