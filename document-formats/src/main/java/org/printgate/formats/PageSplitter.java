package org.printgate.formats;

import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts one document format into pages while it streams in, so a simulated printer can print page 1
 * while page 2 is still on the wire, and the client spooler can resume a failed job from page N.
 *
 * <p>Splitters keep no state between calls and may be shared between threads. A splitter never
 * closes {@code in}: the caller owns the stream.
 */
public interface PageSplitter {

    /**
     * Reads {@code in} to its end, calling {@code sink.page} for each page as soon as the page is
     * complete. Returns the page count.
     *
     * @throws DocumentFormatException when the input is malformed for the format, after every page
     *     completed before the fault has been delivered
     * @throws IOException when reading fails, or as thrown by the sink, which stops the split
     */
    int split(InputStream in, PageSink sink) throws IOException;
}
