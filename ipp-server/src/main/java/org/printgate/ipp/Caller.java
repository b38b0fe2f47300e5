package org.printgate.ipp;

import java.net.InetSocketAddress;

/**
 * Who is on the other end of an HTTP request, as far as the transport tells: the connection's two
 * ends and the Authorization header. A service on loopback learns the local account from the ends
 * (the kernel knows which process owns the client's socket); a network service from the header.
 *
 * @param remote the client's end of the connection
 * @param local the server's end (the listener's address and port)
 * @param authorization the HTTP Authorization header, null when absent
 * @param connection the connection the request came on, the same object for each of its
 *     requests: what is learnt of a connection's ends can be kept with it (null when unknown)
 */
public record Caller(InetSocketAddress remote, InetSocketAddress local, String authorization, Object connection) {

    public Caller(InetSocketAddress remote, InetSocketAddress local, String authorization) {
        this(remote, local, authorization, null);
    }

    public int localPort() {
        return local.getPort();
    }
}
