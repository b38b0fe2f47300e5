package org.printgate.spooler.discovery;

import java.util.List;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.UInt32;

/**
 * An avahi entry group over D-Bus ({@code org.freedesktop.Avahi.EntryGroup}, avahi's
 * {@code org.freedesktop.Avahi.EntryGroup.xml}): records added to it are probed and announced
 * together once committed, and withdrawn together when it is freed or reset.
 */
@DBusInterfaceName("org.freedesktop.Avahi.EntryGroup")
public interface AvahiEntryGroup extends DBusInterface {
    /** AvahiProtocol: IPv4 (AVAHI_PROTO_INET). */
    int IPV4 = 0;
    /** AvahiPublishFlags: an address record without its reverse PTR record (AVAHI_PUBLISH_NO_REVERSE). */
    int NO_REVERSE = 16;
    /** AvahiEntryGroupState values. */
    int ESTABLISHED = 2;
    int COLLISION = 3;
    int FAILURE = 4;

    @DBusMemberName("Commit")
    void commit();

    @DBusMemberName("Reset")
    void reset();

    @DBusMemberName("Free")
    void free();

    @DBusMemberName("GetState")
    int getState();

    /** A service: PTR, SRV and TXT records; {@code txt} holds one byte string per key=value pair. */
    @DBusMemberName("AddService")
    void addService(int iface, int protocol, UInt32 flags, String name, String type, String domain, String host,
                    UInt16 port, List<byte[]> txt);

    /** A subtype PTR record ({@code _print._sub._ipp._tcp}) for a service already in the group. */
    @DBusMemberName("AddServiceSubtype")
    void addServiceSubtype(int iface, int protocol, UInt32 flags, String name, String type, String domain,
                           String subtype);

    /** Replaces the TXT record of a committed service in place, with no new probing. */
    @DBusMemberName("UpdateServiceTxt")
    void updateServiceTxt(int iface, int protocol, UInt32 flags, String name, String type, String domain,
                          List<byte[]> txt);

    @DBusMemberName("AddAddress")
    void addAddress(int iface, int protocol, UInt32 flags, String name, String address);

    /** The group's state changed: established, or a name collision or failure to act on. */
    @DBusMemberName("StateChanged")
    class StateChanged extends DBusSignal {
        private final int state;
        private final String error;

        public StateChanged(String path, int state, String error) throws DBusException {
            super(path, state, error);
            this.state = state;
            this.error = error;
        }

        public int state() {
            return state;
        }

        public String error() {
            return error;
        }
    }
}
