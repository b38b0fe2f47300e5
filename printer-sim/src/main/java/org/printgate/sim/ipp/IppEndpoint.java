package org.printgate.sim.ipp;

import org.printgate.ipp.IppServer;
import org.printgate.ipp.SharedThreads;
import org.printgate.sim.printer.SimPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One printer's IPP listener. It follows the printer's power: offline stops the listener, so
 * connections are refused as by a real printer that is switched off; online starts it again on
 * the same port.
 */
public final class IppEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IppEndpoint.class);

    private final SimPrinter printer;
    private final String host;
    private final SharedThreads threads;
    private final PrinterIppService service;
    private int port;
    private IppServer server;
    private boolean closed;

    public IppEndpoint(SimPrinter printer, String host, int port, SharedThreads threads) {
        this.printer = printer;
        this.host = host;
        this.port = port;
        this.threads = threads;
        this.service = new PrinterIppService(printer);
    }

    public synchronized IppEndpoint start() {
        // Bound even when the printer starts offline, so that port 0 becomes the number the
        // printer is known by (and comes back on); followOnline then closes it again.
        open();
        printer.hardware().onChange(this::followOnline);
        followOnline();
        return this;
    }

    public synchronized int port() {
        return port;
    }

    private void open() {
        server = IppServer.builder(service).listen(host, port).sharing(threads).build().start();
        port = server.port();
    }

    private synchronized void followOnline() {
        boolean online = printer.hardware().online();
        if (!online && server != null) {
            server.close();
            server = null;
            log.info("{}: IPP port {} closed (offline)", printer.name(), port);
        } else if (online && server == null && !closed) {
            open();
            log.info("{}: IPP port {} open again", printer.name(), port);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
