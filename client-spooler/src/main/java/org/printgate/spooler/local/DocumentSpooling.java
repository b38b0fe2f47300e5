package org.printgate.spooler.local;

import com.hp.jipp.model.Compression;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.spooler.spool.SpoolJobs;
import org.printgate.spooler.spool.SpooledDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a request's document into the spool, durably, or leaves nothing behind. A compressed
 * document (RFC 8011 §4.2.1.1 compression: gzip, deflate) is taken apart on receipt: what is
 * spooled, counted, cut at pages and sent to the printer is the document itself, which printers
 * that take no compression can print too.
 */
final class DocumentSpooling {
    private static final Logger log = LoggerFactory.getLogger(DocumentSpooling.class);

    /** compression-supported: what {@link #write} takes apart. */
    static final List<String> COMPRESSION_SUPPORTED = List.of(Compression.none, Compression.deflate, Compression.gzip);

    private DocumentSpooling() {}

    /** Is the request's compression one we take apart? Else client-error-compression-not-supported (0x040F). */
    static void checkCompression(IppRequest request) {
        request.operationValue(Types.compression).filter(c -> !COMPRESSION_SUPPORTED.contains(c)).ifPresent(c -> {
            throw new IppException(Status.clientErrorCompressionNotSupported, "compression " + c + " is not supported");
        });
    }

    /**
     * Takes in the document of {@code request} as job {@code id}'s: a large one is on disk on
     * return; a small one is handed back to be journaled with the job.
     */
    static SpooledDocument write(SpoolJobs jobs, long id, IppRequest request) throws IOException {
        checkCompression(request);
        try {
            return jobs.files().write(id, uncompressed(request));
        } catch (ZipException e) {
            // Data that does not inflate: the client's error, said as RFC 8011 says it (0x0410).
            jobs.files().delete(id);
            throw new IppException(Status.clientErrorCompressionError, "the document does not decompress: " + e.getMessage());
        } catch (IOException e) {
            jobs.files().delete(id);
            log.info("job {}: the document did not arrive whole: {}", id, e.toString());
            throw e;
        } catch (RuntimeException e) {
            jobs.files().delete(id);
            throw new IppException(Status.serverErrorInternalError, "could not spool the document: " + e.getMessage());
        }
    }

    private static InputStream uncompressed(IppRequest request) throws IOException {
        String compression = request.operationValue(Types.compression).orElse(Compression.none);
        if (compression.equals(Compression.gzip)) {
            return new GZIPInputStream(request.document(), 64 * 1024);
        }
        if (compression.equals(Compression.deflate)) {
            // RFC 1951 names raw deflate data; zlib-wrapped data (RFC 1950, what HTTP's "deflate"
            // means and some clients send) starts with a header that says so: both are taken.
            PushbackInputStream in = new PushbackInputStream(request.document(), 2);
            byte[] head = in.readNBytes(2);
            in.unread(head);
            boolean zlib = head.length == 2 && (head[0] & 0x0F) == 8 && ((head[0] & 0xFF) << 8 | head[1] & 0xFF) % 31 == 0;
            return new InflaterInputStream(in, new Inflater(!zlib), 64 * 1024);
        }
        return request.document();
    }
}
