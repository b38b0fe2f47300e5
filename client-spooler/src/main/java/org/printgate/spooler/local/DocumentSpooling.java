package org.printgate.spooler.local;

import com.hp.jipp.model.Status;
import java.io.IOException;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.spooler.spool.SpoolJobs;
import org.printgate.spooler.spool.SpooledDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Takes a request's document into the spool, durably, or leaves nothing behind. */
final class DocumentSpooling {
    private static final Logger log = LoggerFactory.getLogger(DocumentSpooling.class);

    private DocumentSpooling() {}

    /**
     * Takes in the document of {@code request} as job {@code id}'s: a large one is on disk on
     * return; a small one is handed back to be journaled with the job.
     */
    static SpooledDocument write(SpoolJobs jobs, long id, IppRequest request) throws IOException {
        try {
            return jobs.files().write(id, request.document());
        } catch (IOException e) {
            jobs.files().delete(id);
            log.info("job {}: the document did not arrive whole: {}", id, e.toString());
            throw e;
        } catch (RuntimeException e) {
            jobs.files().delete(id);
            throw new IppException(Status.serverErrorInternalError, "could not spool the document: " + e.getMessage());
        }
    }
}
