package org.printgate.ipp;

import java.util.Optional;
import java.util.Set;

/**
 * What an application plugs into {@link IppServer}: it finds the object a request addresses and
 * says which operations it knows at all. Validation, dispatch and the response are the server's.
 */
public interface IppService {

    /**
     * Who sends the request, from its connection and HTTP Authorization header; called before
     * the body is read. Throw {@link Unauthenticated} for HTTP 401. The result is available as
     * {@link IppRequest#principal()}. By default anyone may ask.
     */
    default Object authenticate(Caller caller) {
        return null;
    }

    /**
     * Every operation code the service supports on any target. A request for any other code is
     * answered {@code server-error-operation-not-supported} before its target is looked up.
     */
    Set<Integer> supportedOperations();

    /**
     * The system, printer or job the request addresses (by {@code printer-uri}, {@code job-uri}
     * or {@code system-uri}, {@code job-id}, and the listener it came in on). Throw
     * {@link IppException} for {@code client-error-not-found} and kin with a precise message.
     */
    Target resolve(IppRequest request);

    /**
     * What an HTTP GET on {@code path} returns — a small HTML status page on a printer's URI,
     * icons — or empty for 404.
     *
     * @param path the request path, followed by {@code ?query} when the request had a query
     * @param caller who asks, and the listener the GET came in on
     */
    Optional<HttpResource> httpGet(String path, Caller caller);
}
