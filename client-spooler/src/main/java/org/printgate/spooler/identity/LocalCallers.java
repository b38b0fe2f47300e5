package org.printgate.spooler.identity;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.WeakHashMap;
import org.printgate.ipp.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is on the other end of a local connection: the kernel's socket owner, looked up by name,
 * weighed against the {@link IdentityPolicy}. Where the platform has no socket table (not
 * Linux), every caller is taken as a forwarder and names itself, as before the check existed:
 * the spooler still runs there, and says at start that it cannot tell users apart.
 */
public final class LocalCallers {
    private static final Logger log = LoggerFactory.getLogger(LocalCallers.class);
    private static final int ROOT = 0;

    private final Optional<SocketOwners> owners;
    private final Accounts accounts;
    private final IdentityPolicy policy;
    private volatile UnixSocketRelay relay;
    /**
     * Who is at the other end of each open connection: asked of the kernel once per connection,
     * not per request (a connection's ends, and so its owner, do not change). Weak keys: an entry
     * goes with its connection.
     */
    private final Map<Object, LocalCaller> byConnection = Collections.synchronizedMap(new WeakHashMap<>());

    LocalCallers(Optional<SocketOwners> owners, Accounts accounts, IdentityPolicy policy) {
        this.owners = owners;
        this.accounts = accounts;
        this.policy = policy;
    }

    public static LocalCallers ofThisPlatform(IdentityPolicy policy) {
        Optional<SocketOwners> owners = SocketOwners.ofThisPlatform();
        if (owners.isEmpty()) {
            log.warn("this platform has no socket table the spooler can read: it takes requesting-user-name as the user,"
                    + " so local users can act as each other");
        }
        return new LocalCallers(owners, new Accounts(), policy);
    }

    /** Connections from {@code unixSocket}'s relay are its clients', named by the kernel at the socket. */
    public void relayedBy(UnixSocketRelay unixSocket) {
        this.relay = unixSocket;
    }

    public LocalCaller identify(Caller caller) {
        if (caller.connection() == null) {
            return lookUp(caller);
        }
        LocalCaller known = byConnection.get(caller.connection());
        if (known != null) {
            return known;
        }
        LocalCaller found = lookUp(caller);
        // A connection nobody owned a moment ago is asked again next time rather than remembered.
        if (found.account() != null) {
            byConnection.put(caller.connection(), found);
        }
        return found;
    }

    private LocalCaller lookUp(Caller caller) {
        UnixSocketRelay unixSocket = relay;
        if (unixSocket != null && caller.remote().getAddress().isLoopbackAddress()) {
            Optional<String> account = unixSocket.accountBehind(caller.remote().getPort());
            if (account.isPresent() && isOurs(caller)) {
                return callerNamed(account.get(), account.get().equals("root"));
            }
        }
        if (owners.isEmpty()) {
            return new LocalCaller(System.getProperty("user.name"), true, false);
        }
        OptionalInt uid = owners.get().uidOf(caller.remote(), caller.local());
        if (uid.isEmpty()) {
            log.info("no local account owns the connection from {}: it may do nothing", caller.remote());
            return LocalCaller.unknown();
        }
        Optional<String> name = accounts.nameOf(uid.getAsInt());
        if (name.isEmpty()) {
            log.info("uid {} behind {} has no account name: it may do nothing", uid.getAsInt(), caller.remote());
            return LocalCaller.unknown();
        }
        return callerNamed(name.get(), uid.getAsInt() == ROOT);
    }

    /**
     * Root is trusted to name the user it prints for (a CUPS backend may run as root), and then
     * acts as that user; it is an operator only as a member of the group, like anyone else.
     */
    private LocalCaller callerNamed(String account, boolean root) {
        boolean forwarder = root || policy.trustedUsers().contains(account);
        return new LocalCaller(account, forwarder, accounts.inGroup(account, policy.operatorGroup()));
    }

    /**
     * Is the connection the relay's own? Its port is remembered only while the relay holds it, and
     * where the kernel's table can say, the socket must be this process's account's too.
     */
    private boolean isOurs(Caller caller) {
        return owners.isEmpty() || owners.get().uidOf(caller.remote(), caller.local()).equals(ownUid());
    }

    private static OptionalInt ownUid() {
        try {
            return OptionalInt.of((Integer) java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:uid"));
        } catch (java.io.IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return OptionalInt.empty();
        }
    }
}
