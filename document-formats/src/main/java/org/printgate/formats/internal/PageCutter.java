package org.printgate.formats.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.printgate.formats.DocumentFormatException;
import org.printgate.formats.Page;
import org.printgate.formats.PageSink;

/**
 * The input side of every streaming splitter: reads the document through one fixed buffer, counts
 * byte offsets, feeds the bytes of the open page to SHA-256, and hands each page to the sink the
 * moment it is cut.
 *
 * <p>Splitters often learn where a page starts or ends only a few bytes later (a PostScript
 * {@code %%Page:} line is known once its prefix has been read; a PCL escape sequence is page-neutral
 * or not once its second byte has been read). So a splitter may {@link #hold()} the current
 * position: from there on, bytes are neither digested nor dropped from the buffer until
 * {@link #release()}, and a page may be started or cut at any held position. Holds must stay short
 * (a line prefix, an escape sequence); a hold longer than the buffer is a bug in the splitter.
 *
 * <p>Memory per split is the buffer and a digest, whatever the size of the document.
 */
public final class PageCutter {

    static final int BUFFER_SIZE = 64 * 1024;

    private final InputStream in;
    private final PageSink sink;
    private final MessageDigest digest = newSha256();
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private int limit;
    private long bufferOffset;
    private boolean endOfInput;
    private int held = -1;

    private boolean pageOpen;
    private long pageStart;
    private int digested;
    private int pagesCut;

    public PageCutter(InputStream in, PageSink sink) {
        this.in = in;
        this.sink = sink;
    }

    /** The next byte, or -1 at the end of the input. */
    public int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    /** The next byte, or a {@link DocumentFormatException} saying {@code what} was cut short. */
    public int readRequired(String what) throws IOException {
        int b = read();
        if (b < 0) {
            throw truncated(what);
        }
        return b;
    }

    /** Reads exactly {@code length} bytes into {@code into}, or throws as {@link #readRequired}. */
    public void readFully(byte[] into, int length, String what) throws IOException {
        int done = 0;
        while (done < length) {
            if (position == limit && !fill()) {
                throw truncated(what);
            }
            int step = Math.min(length - done, limit - position);
            System.arraycopy(buffer, position, into, done, step);
            position += step;
            done += step;
        }
    }

    /**
     * Reads up to {@code length} bytes into {@code into} and returns how many there were before the
     * end of the input; used where running out is not by itself an error.
     */
    public int readUpTo(byte[] into, int length) throws IOException {
        int done = 0;
        while (done < length && (position < limit || fill())) {
            int step = Math.min(length - done, limit - position);
            System.arraycopy(buffer, position, into, done, step);
            position += step;
            done += step;
        }
        return done;
    }

    /** Consumes exactly {@code count} bytes, or throws as {@link #readRequired}. */
    public void skip(long count, String what) throws IOException {
        long left = count;
        while (left > 0) {
            if (position == limit && !fill()) {
                throw truncated(what);
            }
            int step = (int) Math.min(left, limit - position);
            position += step;
            left -= step;
        }
    }

    /** Consumes the rest of the input. */
    public void skipToEnd() throws IOException {
        while (position < limit || fill()) {
            position = limit;
        }
    }

    /** Whether the input is exhausted; may read ahead into the buffer to find out. */
    public boolean atEnd() throws IOException {
        return position == limit && !fill();
    }

    /** The stream offset of the next byte to be read. */
    public long offset() {
        return bufferOffset + position;
    }

    /** Keeps the bytes from the current offset on available for starting or cutting a page. */
    public void hold() {
        held = position;
    }

    /**
     * Moves back to {@code heldOffset}, at or after the hold, so the bytes from there are read
     * again: how a splitter that looked ahead for a longer token hands the bytes back.
     */
    public void rewindTo(long heldOffset) {
        if (held < 0) {
            throw new IllegalStateException("rewinding needs a hold");
        }
        position = bufferIndex(heldOffset, pageOpen ? Math.max(held, digested) : held);
    }

    /** Steps back over the byte just read, so it is read again; not across a page start or cut. */
    public void unread() {
        if (position == 0 || (pageOpen && position - 1 < digested)) {
            throw new IllegalStateException("the byte before offset " + offset() + " cannot be read again");
        }
        position--;
    }

    /** Ends a {@link #hold()}. */
    public void release() {
        held = -1;
    }

    public boolean isPageOpen() {
        return pageOpen;
    }

    /** How many pages have been cut (and delivered) so far. */
    public int pagesCut() {
        return pagesCut;
    }

    /** Opens a page at the current offset. */
    public void startPage() {
        startPageAt(offset());
    }

    /** Opens a page at {@code start}: the current offset or a held one before it. */
    public void startPageAt(long start) {
        if (pageOpen) {
            throw new IllegalStateException("page " + (pagesCut + 1) + " is already open");
        }
        int index = bufferIndex(start, 0);
        digest.reset();
        digested = index;
        pageStart = start;
        pageOpen = true;
    }

    /** Cuts the open page at the current offset and delivers it. */
    public void cutPage() throws IOException {
        cutPageAt(offset());
    }

    /**
     * Cuts the open page at {@code end} (the current offset or a held one before it) and delivers
     * it to the sink; the sink's exceptions propagate.
     */
    public void cutPageAt(long end) throws IOException {
        if (!pageOpen) {
            throw new IllegalStateException("no page is open");
        }
        int index = bufferIndex(end, digested);
        digest.update(buffer, digested, index - digested);
        pageOpen = false;
        pagesCut++;
        sink.page(new Page(pagesCut, pageStart, end - pageStart, HexFormat.of().formatHex(digest.digest())));
    }

    /** Drops the open page without delivering it: its bytes turned out not to be a page. */
    public void abandonPage() {
        pageOpen = false;
    }

    /** A {@link DocumentFormatException} saying {@code what} ended at the current offset. */
    public DocumentFormatException truncated(String what) {
        return new DocumentFormatException(what + " is cut short at offset " + offset()
                + " (after " + pagesCut + " complete pages)");
    }

    private int bufferIndex(long streamOffset, int lowest) {
        long index = streamOffset - bufferOffset;
        if (index < lowest || index > position) {
            throw new IllegalStateException("offset " + streamOffset + " is no longer held (buffer holds "
                    + (bufferOffset + lowest) + ".." + offset() + ")");
        }
        return (int) index;
    }

    /**
     * Refills the buffer once it has been read to its limit. The open page's bytes are digested up
     * to the hold, and only the held and undigested bytes are kept.
     */
    private boolean fill() throws IOException {
        if (endOfInput) {
            return false;
        }
        int keep = held >= 0 ? held : limit;
        if (pageOpen) {
            if (keep > digested) {
                digest.update(buffer, digested, keep - digested);
                digested = keep;
            }
            keep = Math.min(keep, digested);
        }
        if (keep == 0 && limit == buffer.length) {
            throw new IllegalStateException("a hold outgrew the " + BUFFER_SIZE + "-byte buffer");
        }
        System.arraycopy(buffer, keep, buffer, 0, limit - keep);
        bufferOffset += keep;
        position -= keep;
        limit -= keep;
        if (pageOpen) {
            digested -= keep;
        }
        if (held >= 0) {
            held -= keep;
        }
        int n;
        do {
            n = in.read(buffer, limit, buffer.length - limit);
        } while (n == 0);
        if (n < 0) {
            endOfInput = true;
            return false;
        }
        limit += n;
        return true;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
