package org.printgate.spooler.forward;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.LongAdder;

/** Document bytes the forwarders have handed to printers, every attempt and copy counted (for /metrics). */
public final class ForwardedBytes {
    private final LongAdder total = new LongAdder();

    void add(long bytes) {
        total.add(bytes);
    }

    public long total() {
        return total.sum();
    }

    /** {@code document}, whose bytes are counted as they are read to be sent. */
    InputStream counting(InputStream document) {
        return new FilterInputStream(document) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    total.increment();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    total.add(n);
                }
                return n;
            }
        };
    }
}
