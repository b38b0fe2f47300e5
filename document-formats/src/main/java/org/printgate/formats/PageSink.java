package org.printgate.formats;

import java.io.IOException;

/**
 * Receives pages from a {@link PageSplitter}, in order, on the splitting thread. It may block (the
 * printer paces its pages) or throw (the job was aborted); a throw stops the split and propagates
 * out of {@link PageSplitter#split} unchanged.
 */
@FunctionalInterface
public interface PageSink {

    void page(Page page) throws IOException;
}
