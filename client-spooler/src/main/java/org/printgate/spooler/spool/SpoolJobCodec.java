package org.printgate.spooler.spool;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The journal's record of a {@link SpoolJob}: a version byte, then the fields in order. Version 2
 * added the kept ticket request and the ending's reasons, version 3 job-hold-until and copies; older records
 * read without them.
 */
final class SpoolJobCodec {
    private static final int VERSION = 3;

    private SpoolJobCodec() {}

    static byte[] encode(SpoolJob job) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(job.id());
            out.writeUTF(job.queue());
            out.writeUTF(job.user());
            out.writeUTF(job.name());
            out.writeUTF(job.format());
            out.writeInt(job.priority());
            out.writeUTF(job.phase().name());
            out.writeUTF(job.message());
            out.writeLong(job.bytes());
            out.writeInt(job.pages());
            out.writeLong(job.ticketId());
            out.writeInt(job.pagesDone());
            out.writeInt(job.attempts());
            out.writeUTF(job.deviceUri());
            out.writeUTF(job.printerJobUri());
            out.writeLong(job.pageCounterBefore());
            out.writeInt(job.template().length);
            out.write(job.template());
            out.writeLong(job.createdMillis());
            out.writeLong(job.endedMillis());
            out.writeUTF(job.unreported());
            out.writeInt(job.ticketRequest().length);
            out.write(job.ticketRequest());
            out.writeByte(job.reasons().size());
            for (String reason : job.reasons()) {
                out.writeUTF(reason);
            }
            out.writeUTF(job.holdUntil());
            out.writeInt(job.copies());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static SpoolJob decode(byte[] record) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
            int version = in.readUnsignedByte();
            if (version < 1 || version > VERSION) {
                throw new IllegalStateException("spool journal record version " + version + " is not known");
            }
            long id = in.readLong();
            String queue = in.readUTF();
            String user = in.readUTF();
            String name = in.readUTF();
            String format = in.readUTF();
            int priority = in.readInt();
            Phase phase = Phase.valueOf(in.readUTF());
            String message = in.readUTF();
            long bytes = in.readLong();
            int pages = in.readInt();
            long ticketId = in.readLong();
            int pagesDone = in.readInt();
            int attempts = in.readInt();
            String deviceUri = in.readUTF();
            String printerJobUri = in.readUTF();
            long counterBefore = in.readLong();
            byte[] template = in.readNBytes(in.readInt());
            long created = in.readLong();
            long ended = in.readLong();
            String unreported = in.readUTF();
            byte[] ticketRequest = new byte[0];
            java.util.List<String> reasons = new java.util.ArrayList<>();
            if (version >= 2) {
                ticketRequest = in.readNBytes(in.readInt());
                for (int n = in.readUnsignedByte(); n > 0; n--) {
                    reasons.add(in.readUTF());
                }
            }
            String holdUntil = version >= 3 ? in.readUTF() : "";
            int copies = version >= 3 ? in.readInt() : 1;
            return new SpoolJob(id, queue, user, name, format, priority, phase, message, bytes, pages, ticketId,
                    pagesDone, attempts, deviceUri, printerJobUri, counterBefore, template, created, ended, unreported,
                    ticketRequest, reasons, holdUntil, copies);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt spool journal record", e);
        }
    }
}
