package org.printgate.spooler.identity;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.OptionalInt;

/**
 * Which local account owns the client's end of a loopback TCP connection: the kernel knows,
 * whatever the client writes in its request. One implementation per platform; on Linux the
 * socket table in {@code /proc/net}. Windows would ask GetExtendedTcpTable for the process that
 * owns the client's port, then that process's token (docs/windows.md).
 */
public interface SocketOwners {

    /** The uid of the process that owns {@code client}'s socket connected to {@code server}, if the kernel lists it. */
    OptionalInt uidOf(InetSocketAddress client, InetSocketAddress server);

    /** The lookup this platform has, or empty where there is none (then names cannot be checked). */
    static java.util.Optional<SocketOwners> ofThisPlatform() {
        return Files.isReadable(ProcNetTcp.IPV4) ? java.util.Optional.of(new ProcNetTcp()) : java.util.Optional.empty();
    }
}
