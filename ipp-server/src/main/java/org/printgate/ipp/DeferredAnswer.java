package org.printgate.ipp;

/**
 * An answer the handler gives later, without holding a thread meanwhile: long-polls such as
 * Get-Notifications with {@code notify-wait} (RFC 3996 §5.2). The handler fills the response
 * when it is ready and calls {@link #send()}; if the client goes away first, the abandon action
 * runs instead.
 */
public interface DeferredAnswer {
    /** Sends the response as it stands now. Later calls do nothing. */
    void send();

    /** What to do if the connection closes before {@link #send()}. */
    void onAbandoned(Runnable action);

    /** True once sent or abandoned. */
    boolean isFinished();
}
