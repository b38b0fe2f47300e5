package org.printgate.formats;

import java.io.IOException;

/**
 * The document is malformed for the format it was declared as (a bad PWG sync word, a page cut
 * short, a PDF that does not parse). Thrown after the pages completed before the fault have been
 * delivered, so a printer prints those and then aborts the job, as a real one would.
 */
public class DocumentFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public DocumentFormatException(String message) {
        super(message);
    }

    public DocumentFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
