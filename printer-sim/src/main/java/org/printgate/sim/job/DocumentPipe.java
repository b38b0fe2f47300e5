package org.printgate.sim.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One job's data between its intake (the IPP request thread) and the marking engine: a queue of
 * chunks in the printer's {@link PrinterMemory}. The writer blocks while the memory is full, so
 * a slow printer slows its sender down through TCP, as a real one does.
 */
public final class DocumentPipe {
    private final PrinterMemory memory;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private byte[] head;
    private int headOffset;
    private long buffered;
    private boolean closed;
    private boolean abandoned;
    private boolean onEngine;

    public DocumentPipe(PrinterMemory memory) {
        this.memory = memory;
    }

    /** Adds bytes, blocking while memory is full. Returns false if the job was abandoned. */
    public boolean write(byte[] data, int offset, int length) throws InterruptedException {
        byte[] chunk = java.util.Arrays.copyOfRange(data, offset, offset + length);
        memory.lock.lock();
        try {
            while (!abandoned && !memory.mayAdd(buffered, length, onEngine)) {
                memory.changed.await(200, TimeUnit.MILLISECONDS);
            }
            if (abandoned) {
                return false;
            }
            chunks.add(chunk);
            buffered += length;
            memory.add(length);
            return true;
        } finally {
            memory.lock.unlock();
        }
    }

    /** The document is complete. */
    public void close() {
        memory.lock.lock();
        try {
            closed = true;
            memory.changed.signalAll();
        } finally {
            memory.lock.unlock();
        }
    }

    /** The job is on the marking engine now: it may use memory the queued jobs may not. */
    public void onEngine() {
        memory.lock.lock();
        try {
            onEngine = true;
            memory.changed.signalAll();
        } finally {
            memory.lock.unlock();
        }
    }

    /** The job ended (canceled, aborted): drop what is buffered and release the writer. */
    public void abandon() {
        memory.lock.lock();
        try {
            abandoned = true;
            memory.add(-buffered);
            buffered = 0;
            chunks.clear();
            head = null;
        } finally {
            memory.lock.unlock();
        }
    }

    /** The reading end, for the page splitter. */
    public InputStream reader() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                memory.lock.lock();
                try {
                    while (head == null && chunks.isEmpty() && !closed && !abandoned) {
                        memory.changed.await(200, TimeUnit.MILLISECONDS);
                    }
                    if (abandoned) {
                        throw new IOException("job abandoned");
                    }
                    if (head == null) {
                        head = chunks.poll();
                        headOffset = 0;
                        if (head == null) {
                            return -1;
                        }
                    }
                    int n = Math.min(length, head.length - headOffset);
                    System.arraycopy(head, headOffset, buffer, offset, n);
                    headOffset += n;
                    if (headOffset == head.length) {
                        head = null;
                    }
                    buffered -= n;
                    memory.add(-n);
                    return n;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted reading the job's data");
                } finally {
                    memory.lock.unlock();
                }
            }
        };
    }
}
