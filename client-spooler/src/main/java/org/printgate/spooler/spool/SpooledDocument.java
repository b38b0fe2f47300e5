package org.printgate.spooler.spool;

/**
 * A document as the spool took it in: its size, and its bytes when it was small enough to be
 * kept in the journal ({@link SpoolFiles#INLINE_LIMIT}) instead of a file of its own.
 *
 * @param bytes the document's size
 * @param inline the whole document, or null when it is in the job's spool file
 */
public record SpooledDocument(long bytes, byte[] inline) {
    public boolean isInline() {
        return inline != null;
    }
}
