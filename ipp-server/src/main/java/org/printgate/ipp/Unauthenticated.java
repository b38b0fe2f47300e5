package org.printgate.ipp;

/** The request carries no valid HTTP credentials: answered with HTTP 401 and this challenge. */
public final class Unauthenticated extends RuntimeException {
    private final String challenge;

    /** @param challenge the WWW-Authenticate header value, e.g. {@code Bearer realm="printgate"} */
    public Unauthenticated(String challenge, String message) {
        super(message);
        this.challenge = challenge;
    }

    public String challenge() {
        return challenge;
    }
}
