package org.printgate.formats;

import java.util.Objects;

/**
 * One page of a document as the splitter cut it.
 *
 * <p>For streamed formats the pages of a document are contiguous byte ranges: page 1 starts after
 * the document prologue (bytes {@code [0, offset of page 1)}, e.g. the PWG sync word or the
 * PostScript prolog), each next page starts where the one before ended, and whatever follows the
 * last page is the epilogue. So a job can be resumed from page N by sending the prologue followed
 * by the input from page N's {@code offset} on.
 *
 * @param number 1-based page number
 * @param offset where the page's first byte is in the input stream; -1 for PDF, whose pages are
 *     objects scattered through the file, not byte ranges
 * @param length how many bytes of the input the page spans; -1 for PDF
 * @param sha256 lower-case hex SHA-256 of the page's bytes {@code [offset, offset + length)}; for
 *     PDF, of the page's decoded content stream (see {@code PdfSplitter})
 */
public record Page(int number, long offset, long length, String sha256) {

    public Page {
        if (number < 1) {
            throw new IllegalArgumentException("page numbers start at 1: " + number);
        }
        Objects.requireNonNull(sha256, "sha256");
    }

    /** The offset/length of a page that is not a byte range of the input. */
    public static final long NO_BYTE_RANGE = -1;

    /** Whether this page is a byte range of the input that can be cut out. */
    public boolean hasByteRange() {
        return offset != NO_BYTE_RANGE;
    }
}
