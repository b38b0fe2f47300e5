package org.printgate.engine.ticket;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A ticket as stored: a small, versioned binary record (about 100 bytes). */
public final class TicketCodec {
    private static final int VERSION = 2;

    private TicketCodec() {}

    public static byte[] encode(Ticket t) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeLong(t.jobId());
            out.writeUTF(t.queue());
            out.writeUTF(t.user());
            out.writeUTF(t.holder());
            out.writeUTF(t.jobName());
            out.writeShort(t.priority());
            out.writeLong(t.createdMillis());
            out.writeByte(t.state().code());
            out.writeByte(t.reasons().size());
            for (String reason : t.reasons()) {
                out.writeUTF(reason);
            }
            out.writeUTF(t.message());
            out.writeLong(t.kOctets());
            out.writeInt(t.impressions());
            out.writeInt(t.impressionsCompleted());
            out.writeShort(t.attempts());
            out.writeLong(t.deadlineMillis());
            out.writeLong(t.endedMillis());
            out.writeUTF(t.requestKey());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Ticket decode(byte[] data) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalStateException("ticket record version " + version + " is unknown");
            }
            long jobId = in.readLong();
            String queue = in.readUTF();
            String user = in.readUTF();
            String holder = in.readUTF();
            String jobName = in.readUTF();
            int priority = in.readShort();
            long created = in.readLong();
            TicketState state = TicketState.ofCode(in.readUnsignedByte());
            int reasonCount = in.readUnsignedByte();
            List<String> reasons = new ArrayList<>(reasonCount);
            for (int i = 0; i < reasonCount; i++) {
                reasons.add(in.readUTF());
            }
            return Ticket.restore(jobId, queue, user, holder, jobName, priority, created, state, reasons, in.readUTF(),
                    in.readLong(), in.readInt(), in.readInt(), in.readShort(), in.readLong(), in.readLong(), in.readUTF());
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt ticket record", e);
        }
    }
}
