package org.printgate.sim.raw;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.Socket;
import org.printgate.sim.hardware.Hardware;
import org.printgate.sim.hardware.IntakeMeter;
import org.printgate.sim.job.Job;

/**
 * A raw connection's data as the marking engine reads it, with the faults of the raw port
 * applied: nothing is read while the printer is hung or busy, intake is paced when slow, and the
 * connection is reset (TCP RST) after the scripted number of bytes.
 */
final class RawJobStream extends FilterInputStream {
    private final Socket socket;
    private final Hardware hardware;
    private final Job job;
    private final IntakeMeter meter;
    private boolean gatePassed;

    RawJobStream(Socket socket, Hardware hardware, Job job) throws IOException {
        super(socket.getInputStream());
        this.socket = socket;
        this.hardware = hardware;
        this.job = job;
        this.meter = new IntakeMeter(hardware);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        passGate();
        if (meter.resetDue()) {
            reset("connection reset by printer after " + meter.total() + " bytes");
        }
        int n = super.read(buffer, offset, meter.nextRead(length));
        if (n > 0) {
            job.addOctets(meter.count(n));
            meter.pace();
        }
        return n;
    }

    /** The first read waits until the printer would take data at all. */
    private void passGate() throws IOException {
        if (gatePassed) {
            return;
        }
        try {
            if (!hardware.awaitNotHung(job::cancelRequested) || !hardware.awaitNotBusy(job::cancelRequested)) {
                throw new IOException("job canceled before its data was read");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        }
        gatePassed = true;
        meter.startClock();
    }

    private void reset(String why) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
        throw new IOException(why);
    }
}
