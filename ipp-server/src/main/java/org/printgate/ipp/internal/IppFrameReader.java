package org.printgate.ipp.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads exactly one IPP message header — version, operation or status, request-id and the
 * attribute groups up to the end-of-attributes-tag (RFC 8010 §3.1.1) — from a stream, leaving
 * the stream positioned at the first byte of document data.
 *
 * <p>jipp's {@code IppInputStream} buffers ahead, which would swallow the start of the document;
 * this reader walks the encoding's length fields itself and reads nothing past the end tag, so
 * the document can be streamed to the handler untouched. It also enforces a size limit before
 * any parsing allocates, so an oversized or hostile request costs at most {@code maxBytes}.
 */
public final class IppFrameReader {

    /** Tag values from RFC 8010 §3.5.1. */
    private static final int END_OF_ATTRIBUTES = 0x03;
    private static final int FIRST_VALUE_TAG = 0x10;

    private final int maxBytes;

    public IppFrameReader(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The fixed eight-octet start of every IPP message. */
    public record Preamble(int version, int code, int requestId) {
        public int major() {
            return version >>> 8;
        }
    }

    /** A message header that was read: its preamble and every octet of it, end tag included. */
    public record Frame(Preamble preamble, byte[] bytes) {}

    /** The input is not an IPP message (bad structure or cut short). */
    public static final class MalformedFrameException extends IOException {
        public MalformedFrameException(String message) {
            super(message);
        }
    }

    /** The attribute groups are larger than the configured limit. */
    public static final class FrameTooLargeException extends IOException {
        private final int requestId;

        public FrameTooLargeException(String message, int requestId) {
            super(message);
            this.requestId = requestId;
        }

        /** The request-id of the oversized request, so the answer can carry it. */
        public int requestId() {
            return requestId;
        }
    }

    private Preamble readPreamble(InputStream in, ByteArrayOutputStream sink) throws IOException {
        byte[] head = readFully(in, 8, "message preamble");
        sink.write(head, 0, 8);
        int version = ((head[0] & 0xff) << 8) | (head[1] & 0xff);
        int code = ((head[2] & 0xff) << 8) | (head[3] & 0xff);
        int requestId = ((head[4] & 0xff) << 24) | ((head[5] & 0xff) << 16) | ((head[6] & 0xff) << 8) | (head[7] & 0xff);
        return new Preamble(version, code, requestId);
    }

    /** Reads the attribute groups up to and including the end-of-attributes-tag. */
    private byte[] readRest(InputStream in, ByteArrayOutputStream sink, int requestId) throws IOException {
        boolean inGroup = false;
        while (true) {
            int tag = in.read();
            if (tag < 0) {
                throw new MalformedFrameException("message ends before end-of-attributes-tag");
            }
            sink.write(tag);
            if (tag == END_OF_ATTRIBUTES) {
                return sink.toByteArray();
            }
            if (tag < FIRST_VALUE_TAG) {
                if (tag == 0x00) {
                    throw new MalformedFrameException("reserved delimiter tag 0x00");
                }
                inGroup = true;
            } else {
                if (!inGroup) {
                    throw new MalformedFrameException("attribute before any group tag");
                }
                copyLengthPrefixed(in, sink, "attribute name", requestId);
                copyLengthPrefixed(in, sink, "attribute value", requestId);
            }
            if (sink.size() > maxBytes) {
                throw new FrameTooLargeException("IPP attributes exceed " + maxBytes + " octets", requestId);
            }
        }
    }

    /** Reads a whole header: preamble and attribute groups. */
    public Frame read(InputStream in) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream(512);
        Preamble preamble = readPreamble(in, sink);
        return new Frame(preamble, readRest(in, sink, preamble.requestId()));
    }

    private void copyLengthPrefixed(InputStream in, ByteArrayOutputStream sink, String what, int requestId)
            throws IOException {
        byte[] len = readFully(in, 2, what + " length");
        sink.write(len, 0, 2);
        int length = ((len[0] & 0xff) << 8) | (len[1] & 0xff);
        if (sink.size() + length > maxBytes) {
            throw new FrameTooLargeException("IPP attributes exceed " + maxBytes + " octets", requestId);
        }
        sink.write(readFully(in, length, what), 0, length);
    }

    private static byte[] readFully(InputStream in, int length, String what) throws IOException {
        byte[] buffer = new byte[length];
        int done = 0;
        while (done < length) {
            int n = in.read(buffer, done, length - done);
            if (n < 0) {
                throw new MalformedFrameException("message ends inside the " + what);
            }
            done += n;
        }
        return buffer;
    }
}
