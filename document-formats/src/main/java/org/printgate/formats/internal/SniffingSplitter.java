package org.printgate.formats.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.function.Function;
import org.printgate.formats.PageSink;
import org.printgate.formats.PageSplitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits {@code application/octet-stream} (what a raw 9100 socket delivers, and what an IPP client
 * sends when it does not say) by sniffing the format from its first bytes, as IPP Everywhere
 * printers auto-detect, then handing the whole stream, sniffed bytes included, to that format's
 * splitter. Offsets are therefore still offsets in the original stream.
 *
 * <p>See {@link DocumentSniffer} for the signatures recognised. Sniffing reads at most
 * {@link DocumentSniffer#MAGIC_SIZE} bytes, or {@link DocumentSniffer#PJL_HEADER_SIZE} when the job
 * starts with a PJL wrapper, before the first page can be delivered.
 */
public final class SniffingSplitter implements PageSplitter {

    private static final Logger LOG = LoggerFactory.getLogger(SniffingSplitter.class);

    private final Function<String, PageSplitter> splitterForFormat;

    public SniffingSplitter(Function<String, PageSplitter> splitterForFormat) {
        this.splitterForFormat = splitterForFormat;
    }

    @Override
    public int split(InputStream in, PageSink sink) throws IOException {
        PushbackInputStream sniffed = new PushbackInputStream(in, DocumentSniffer.PJL_HEADER_SIZE);
        byte[] head = sniffed.readNBytes(DocumentSniffer.MAGIC_SIZE);
        if (DocumentSniffer.startsWithPjl(head, head.length)) {
            byte[] more = sniffed.readNBytes(DocumentSniffer.PJL_HEADER_SIZE - head.length);
            byte[] header = new byte[head.length + more.length];
            System.arraycopy(head, 0, header, 0, head.length);
            System.arraycopy(more, 0, header, head.length, more.length);
            head = header;
        }
        sniffed.unread(head);
        String format = DocumentSniffer.formatOf(head, head.length);
        LOG.debug("Sniffed application/octet-stream as {}", format);
        return splitterForFormat.apply(format).split(sniffed, sink);
    }
}
