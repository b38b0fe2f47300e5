package org.printgate.spooler.forward;

import com.hp.jipp.encoding.Attribute;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * One forwarding attempt: the spooled document, from which page, to which printer.
 *
 * @param localJobId the spooler's job id (for logs)
 * @param document the spool file
 * @param format its document-format
 * @param jobName job-name to show at the printer
 * @param user requesting-user-name to give the printer
 * @param template the job template the user chose
 * @param fromPage the first page to print (1 = all)
 * @param device the printer (ipp://, ipps:// or socket://)
 * @param snmp the printer's SNMP address for its page counter, or null
 * @param pageRangesSupported whether the printer takes page-ranges (IPP resume without cutting)
 * @param pages the document's page count as counted when it was spooled, or -1
 * @param copies how many copies of the document from {@code fromPage} on this attempt prints,
 *     one after the other (collated); more than 1 only from page 1
 */
public record ForwardRequest(long localJobId, Path document, String format, String jobName, String user,
                             List<Attribute<?>> template, int fromPage, URI device, URI snmp,
                             boolean pageRangesSupported, int pages, int copies) {

    /** Pages this attempt prints: the document's from its resume page on, times the copies, or -1 if unknown. */
    public int expectedPages() {
        return pages < 0 ? -1 : Math.max(0, pages - fromPage + 1) * copies;
    }
}
