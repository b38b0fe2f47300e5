package org.printgate.engine.ticket;

import java.util.List;
import org.printgate.store.VersionedRecord;

/** A ticket as stored: a small, versioned binary record (about 100 bytes). */
public final class TicketCodec {
    private static final int VERSION = 2;

    private TicketCodec() {}

    public static byte[] encode(Ticket t) {
        return VersionedRecord.write(VERSION, out -> {
            out.writeLong(t.jobId());
            out.writeUTF(t.queue());
            out.writeUTF(t.user());
            out.writeUTF(t.holder());
            out.writeUTF(t.jobName());
            out.writeShort(t.priority());
            out.writeLong(t.createdMillis());
            out.writeByte(t.state().code());
            out.writeByte(t.reasons().size());
            VersionedRecord.writeStrings(out, t.reasons());
            out.writeUTF(t.message());
            out.writeLong(t.kOctets());
            out.writeInt(t.impressions());
            out.writeInt(t.impressionsCompleted());
            out.writeShort(t.attempts());
            out.writeLong(t.deadlineMillis());
            out.writeLong(t.endedMillis());
            out.writeUTF(t.requestKey());
        });
    }

    public static Ticket decode(byte[] data) {
        return VersionedRecord.read(data, "ticket", VERSION, VERSION, (in, version) -> {
            long jobId = in.readLong();
            String queue = in.readUTF();
            String user = in.readUTF();
            String holder = in.readUTF();
            String jobName = in.readUTF();
            int priority = in.readShort();
            long created = in.readLong();
            TicketState state = TicketState.ofCode(in.readUnsignedByte());
            List<String> reasons = VersionedRecord.readStrings(in, in.readUnsignedByte());
            return Ticket.restore(jobId, queue, user, holder, jobName, priority, created, state, reasons, in.readUTF(),
                    in.readLong(), in.readInt(), in.readInt(), in.readShort(), in.readLong(), in.readLong(), in.readUTF());
        });
    }
}
