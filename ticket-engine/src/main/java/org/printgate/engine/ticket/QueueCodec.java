package org.printgate.engine.ticket;

import java.net.URI;
import java.util.List;
import org.printgate.store.VersionedRecord;

/** A queue's configuration as stored: created at run time, it must survive a restart too. */
public final class QueueCodec {
    /** 2 adds printer-is-accepting-jobs, 3 paused; older records are still read (as accepting, not paused). */
    private static final int VERSION = 3;

    private QueueCodec() {}

    public static byte[] encode(QueueConfig q) {
        return VersionedRecord.write(VERSION, out -> {
            out.writeUTF(q.name());
            out.writeUTF(q.deviceUri().toString());
            out.writeUTF(q.snmpUri() == null ? "" : q.snmpUri().toString());
            out.writeInt(q.maxJobs());
            out.writeLong(q.maxKOctets());
            out.writeShort(q.allowedUsers().size());
            VersionedRecord.writeStrings(out, q.allowedUsers());
            out.writeUTF(q.location());
            out.writeBoolean(q.acceptingJobs());
            out.writeBoolean(q.paused());
        });
    }

    public static QueueConfig decode(byte[] data) {
        return VersionedRecord.read(data, "queue", 1, VERSION, (in, version) -> {
            String name = in.readUTF();
            URI device = URI.create(in.readUTF());
            String snmp = in.readUTF();
            int maxJobs = in.readInt();
            long maxKOctets = in.readLong();
            List<String> allowed = VersionedRecord.readStrings(in, in.readUnsignedShort());
            String location = in.readUTF();
            boolean accepting = version < 2 || in.readBoolean();
            boolean paused = version >= 3 && in.readBoolean();
            return new QueueConfig(name, device, snmp.isEmpty() ? null : URI.create(snmp), maxJobs, maxKOctets, allowed,
                    location, accepting, paused);
        });
    }
}
