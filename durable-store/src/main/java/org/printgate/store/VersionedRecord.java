package org.printgate.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A small stored record, as tickets, queues and spool jobs are kept: a version byte, then the
 * fields in order. A record of a version the reader does not know stops the read; one cut short
 * is corrupt.
 */
public final class VersionedRecord {

    /** Writes a record's fields, after its version. */
    @FunctionalInterface
    public interface Fields {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads a record's fields, knowing its version. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(DataInputStream in, int version) throws IOException;
    }

    private VersionedRecord() {}

    public static byte[] write(int version, Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(version);
            fields.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads a {@code kind} record (named in errors) of a version from {@code oldest} to {@code newest}. */
    public static <T> T read(byte[] record, String kind, int oldest, int newest, Reader<T> fields) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
            int version = in.readUnsignedByte();
            if (version < oldest || version > newest) {
                throw new IllegalStateException(kind + " record version " + version + " is not known");
            }
            return fields.read(in, version);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt " + kind + " record", e);
        }
    }

    /** The strings, each in modified UTF-8; their count goes before them, in the width the record's format gives it. */
    public static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        for (String string : strings) {
            out.writeUTF(string);
        }
    }

    /** {@code count} strings written by {@link #writeStrings}. */
    public static List<String> readStrings(DataInputStream in, int count) throws IOException {
        List<String> strings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            strings.add(in.readUTF());
        }
        return strings;
    }
}
