package org.printgate.engine.ticket;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** A queue's configuration as stored: created at run time, it must survive a restart too. */
public final class QueueCodec {
    /** 2 adds printer-is-accepting-jobs, 3 paused; older records are still read (as accepting, not paused). */
    private static final int VERSION = 3;

    private QueueCodec() {}

    public static byte[] encode(QueueConfig q) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeUTF(q.name());
            out.writeUTF(q.deviceUri().toString());
            out.writeUTF(q.snmpUri() == null ? "" : q.snmpUri().toString());
            out.writeInt(q.maxJobs());
            out.writeLong(q.maxKOctets());
            out.writeShort(q.allowedUsers().size());
            for (String user : q.allowedUsers()) {
                out.writeUTF(user);
            }
            out.writeUTF(q.location());
            out.writeBoolean(q.acceptingJobs());
            out.writeBoolean(q.paused());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static QueueConfig decode(byte[] data) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            int version = in.readUnsignedByte();
            if (version < 1 || version > VERSION) {
                throw new IllegalStateException("unknown queue record version " + version);
            }
            String name = in.readUTF();
            URI device = URI.create(in.readUTF());
            String snmp = in.readUTF();
            int maxJobs = in.readInt();
            long maxKOctets = in.readLong();
            int users = in.readUnsignedShort();
            List<String> allowed = new ArrayList<>(users);
            for (int i = 0; i < users; i++) {
                allowed.add(in.readUTF());
            }
            String location = in.readUTF();
            boolean accepting = version < 2 || in.readBoolean();
            boolean paused = version >= 3 && in.readBoolean();
            return new QueueConfig(name, device, snmp.isEmpty() ? null : URI.create(snmp), maxJobs, maxKOctets, allowed,
                    location, accepting, paused);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt queue record", e);
        }
    }
}
