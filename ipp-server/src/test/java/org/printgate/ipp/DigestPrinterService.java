package org.printgate.ipp;

import com.hp.jipp.encoding.IntType;
import com.hp.jipp.encoding.TextType;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-printer service for testing the server layer: Print-Job reads the document to the end
 * and answers its length and SHA-256, so a test can tell every byte arrived in order.
 */
final class DigestPrinterService implements IppService {
    static final IntType DOCUMENT_OCTETS = new IntType("x-test-document-k-octets");
    static final TextType DOCUMENT_SHA256 = new TextType("x-test-document-sha256");

    private static final OperationTable<DigestPrinterService> PRINTER = OperationTable.<DigestPrinterService>builder()
            .on(Operation.getPrinterAttributes, DigestPrinterService::getPrinterAttributes)
            .on(Operation.printJob, DigestPrinterService::printJob)
            .build();
    private static final OperationTable<Integer> JOB = OperationTable.<Integer>builder()
            .on(Operation.getJobAttributes, (job, request, response) ->
                    response.group(Tag.jobAttributes).add(Types.jobId.of(job)))
            .build();

    final AtomicLong documentBytes = new AtomicLong();
    final AtomicLong brokenDocuments = new AtomicLong();

    @Override
    public Set<Integer> supportedOperations() {
        return Set.of(Operation.getPrinterAttributes.getCode(), Operation.printJob.getCode(),
                Operation.getJobAttributes.getCode(), Operation.cancelJob.getCode());
    }

    @Override
    public Target resolve(IppRequest request) {
        Optional<URI> printerUri = request.printerUri();
        // Is a job addressed?
        if (request.jobId().isPresent()) {
            return JOB.bind(request.jobId().get());
        }
        // Is a printer addressed, and is it ours?
        URI uri = printerUri.orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "no printer-uri"));
        if (!"/ipp/print".equals(uri.getPath())) {
            throw new IppException(Status.clientErrorNotFound, "no printer at " + uri);
        }
        return PRINTER.bind(this);
    }

    @Override
    public Optional<HttpResource> httpGet(String path, Caller caller) {
        return path.equals("/ipp/print")
                ? Optional.of(HttpResource.html("<html><body><h1>digest printer</h1></body></html>"))
                : Optional.empty();
    }

    private void getPrinterAttributes(IppRequest request, IppResponse response) {
        response.group(Tag.printerAttributes).add(Types.printerName.of("digest"));
        request.operationValues(Types.requestedAttributes).stream()
                .filter(name -> name.startsWith("x-unsupported"))
                .forEach(name -> response.unsupported(Types.requestedAttributes.of(name)));
    }

    private void printJob(IppRequest request, IppResponse response) throws IOException {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        InputStream in = request.document();
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                total += n;
            }
        } catch (IOException e) {
            brokenDocuments.incrementAndGet();
            throw e;
        }
        documentBytes.addAndGet(total);
        response.group(Tag.jobAttributes).add(Types.jobId.of(1));
        response.group(Tag.jobAttributes).add(DOCUMENT_OCTETS.of((int) Math.min(Integer.MAX_VALUE, (total + 1023) / 1024)));
        response.group(Tag.jobAttributes).add(DOCUMENT_SHA256.of(HexFormat.of().formatHex(sha.digest())));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
