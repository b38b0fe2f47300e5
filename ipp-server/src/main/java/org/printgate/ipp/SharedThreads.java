package org.printgate.ipp;

import io.undertow.Undertow;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/**
 * I/O threads, worker threads and buffers shared by many {@link IppServer}s. A simulator runs one
 * server per printer — so each can be stopped on its own, e.g. to refuse connections while the
 * printer is offline — and hundreds of them must not each bring their own threads.
 */
public final class SharedThreads implements AutoCloseable {
    private final XnioWorker worker;
    private final ByteBufferPool buffers;

    public SharedThreads(int ioThreads, int workerThreads) {
        try {
            this.worker = Xnio.getInstance(Undertow.class.getClassLoader()).createWorker(OptionMap.builder()
                    .set(Options.WORKER_IO_THREADS, ioThreads)
                    .set(Options.WORKER_TASK_CORE_THREADS, workerThreads)
                    .set(Options.WORKER_TASK_MAX_THREADS, workerThreads)
                    .set(Options.TCP_NODELAY, true)
                    .getMap());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start I/O threads", e);
        }
        this.buffers = new DefaultByteBufferPool(true, 16 * 1024, -1, 4);
    }

    XnioWorker worker() {
        return worker;
    }

    ByteBufferPool buffers() {
        return buffers;
    }

    @Override
    public void close() {
        worker.shutdownNow();
        buffers.close();
    }
}
