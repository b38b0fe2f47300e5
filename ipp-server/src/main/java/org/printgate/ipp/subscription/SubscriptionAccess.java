package org.printgate.ipp.subscription;

import java.net.URI;
import org.printgate.ipp.IppRequest;

/**
 * What the subscription operations need of a program's printer as one request addresses it: its
 * subscriptions, its name and URI, who asks, and whether they may subscribe to a job. Each
 * program answers by its own rules (the spooler's local accounts, the simulator's loopback).
 *
 * @param <T> the printer as one request addresses it
 */
public interface SubscriptionAccess<T> {
    Subscriptions subscriptions(T target);

    /** The printer's name, as the subscriptions know it. */
    String printerName(T target);

    /** The URI of the printer named {@code printer}, as the client of this request reaches it. */
    URI printerUri(T target, String printer);

    /** Who asks: a subscription's owner is this user. */
    String user(T target, IppRequest request);

    /** May the caller see and change every subscription, and every job's events? */
    boolean isOperator(T target, IppRequest request);

    /**
     * Checks that the caller may subscribe to job {@code jobId} of this printer (Create-Job-Subscriptions,
     * RFC 3995 §11.1.1): an {@link org.printgate.ipp.IppException} says why not (client-error-not-found,
     * -not-authorized, or -not-possible for a job that has ended).
     */
    void checkJobSubscription(T target, IppRequest request, int jobId);
}
