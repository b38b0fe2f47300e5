package org.printgate.engine.admin;

/** The engine refused, or could not be reached: the CLI prints the message and exits with 1. */
final class AdminFailure extends RuntimeException {
    AdminFailure(String message) {
        super(message);
    }
}
