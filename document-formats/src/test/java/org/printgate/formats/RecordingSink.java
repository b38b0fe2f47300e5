package org.printgate.formats;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A sink that keeps the pages it is given and can be told to abort the job at a page. */
final class RecordingSink implements PageSink {

    final List<Page> pages = new ArrayList<>();
    private final int failAtPage;
    private final IOException failure;

    RecordingSink() {
        this(0, null);
    }

    private RecordingSink(int failAtPage, IOException failure) {
        this.failAtPage = failAtPage;
        this.failure = failure;
    }

    /** A sink that records pages and throws {@code failure} when given page {@code number}. */
    static RecordingSink failingAt(int number, IOException failure) {
        return new RecordingSink(number, failure);
    }

    @Override
    public void page(Page page) throws IOException {
        pages.add(page);
        if (page.number() == failAtPage) {
            throw failure;
        }
    }
}
