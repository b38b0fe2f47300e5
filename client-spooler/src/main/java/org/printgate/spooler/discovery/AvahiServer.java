package org.printgate.spooler.discovery;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;

/**
 * The part of avahi-daemon's D-Bus server object ({@code org.freedesktop.Avahi.Server} at
 * {@code /} on the system bus, avahi's {@code avahi-daemon/org.freedesktop.Avahi.Server.xml})
 * that publishing needs.
 */
@DBusInterfaceName("org.freedesktop.Avahi.Server")
public interface AvahiServer extends DBusInterface {
    /** The well-known bus name avahi-daemon owns while it runs. */
    String BUS_NAME = "org.freedesktop.Avahi";

    /** AvahiServerState: the daemon has its host name and publishes. */
    int RUNNING = 2;

    @DBusMemberName("GetState")
    int getState();

    @DBusMemberName("GetVersionString")
    String getVersionString();

    @DBusMemberName("GetNetworkInterfaceIndexByName")
    int getNetworkInterfaceIndexByName(String name);

    /** A new, empty entry group: one queue's records, committed and withdrawn together. */
    @DBusMemberName("EntryGroupNew")
    DBusPath entryGroupNew();

    /** The server's state changed: after a host name collision it registers again, and so must we. */
    @DBusMemberName("StateChanged")
    class StateChanged extends DBusSignal {
        private final int state;

        public StateChanged(String path, int state, String error) throws DBusException {
            super(path, state, error);
            this.state = state;
        }

        public int state() {
            return state;
        }
    }
}
