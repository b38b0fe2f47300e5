package org.printgate.ipp.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The request body after the IPP attributes, as the handler sees it. It remembers whether it was
 * read to the end (if not, the rest of the body is still on the wire and the connection can't be
 * reused) and whether the peer broke off while sending (then there is nobody to answer).
 */
public final class DocumentStream extends FilterInputStream {
    private boolean atEnd;
    private boolean broken;

    public DocumentStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return noteEnd(super.read());
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return noteEnd(super.read(buffer, offset, length));
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    @Override
    public void close() {
        // Handlers must not close the HTTP request stream: the server ends the exchange.
    }

    private int noteEnd(int result) {
        if (result < 0) {
            atEnd = true;
        }
        return result;
    }

    /** True once a read returned end of stream. */
    public boolean fullyRead() {
        return atEnd;
    }

    /** True when reading failed: the peer dropped the connection or timed out mid-document. */
    public boolean broken() {
        return broken;
    }
}
