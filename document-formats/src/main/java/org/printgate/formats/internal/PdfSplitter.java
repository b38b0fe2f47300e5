package org.printgate.formats.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.printgate.formats.DocumentFormatException;
import org.printgate.formats.Page;
import org.printgate.formats.PageSink;
import org.printgate.formats.PageSplitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits {@code application/pdf}, one page per page of the document's page tree.
 *
 * <p>A PDF is read from its end (the cross-reference table), so it cannot be split while it
 * streams: the stream is copied to a temporary file, which is deleted afterwards, and parsed with
 * PDFBox using a temp-file-only stream cache so that large documents do not fill the heap. Pages
 * are therefore all delivered after the last byte has arrived.
 *
 * <p>PDF pages are objects, not byte ranges, so each {@link Page} has offset and length
 * {@link Page#NO_BYTE_RANGE}, and its SHA-256 is taken over the page's content streams, decoded
 * and concatenated as {@code PDPage.getContents()} returns them. That identifies what is drawn on
 * the page (two pages with the same text and fonts hash the same) but not the resources it draws
 * with (images and fonts are not hashed). A document that PDFBox cannot parse, or that needs a
 * password, is malformed.
 */
public final class PdfSplitter implements PageSplitter {

    private static final Logger LOG = LoggerFactory.getLogger(PdfSplitter.class);

    @Override
    public int split(InputStream in, PageSink sink) throws IOException {
        Path copy = Files.createTempFile("printgate-split-", ".pdf");
        try {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return splitFile(copy, sink);
        } finally {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                LOG.warn("Could not delete the temporary copy {} of a PDF document", copy, e);
            }
        }
    }

    private static int splitFile(Path file, PageSink sink) throws IOException {
        try (PDDocument document = load(file)) {
            int number = 0;
            for (PDPage page : document.getPages()) {
                number++;
                sink.page(new Page(number, Page.NO_BYTE_RANGE, Page.NO_BYTE_RANGE, contentHash(page, number)));
            }
            return number;
        }
    }

    /** Opens the copy; the document owns the file handle from then on and closes it with itself. */
    private static PDDocument load(Path file) throws IOException {
        RandomAccessReadBufferedFile source = new RandomAccessReadBufferedFile(file);
        try {
            return Loader.loadPDF(source, IOUtils.createTempFileOnlyStreamCache());
        } catch (IOException e) {
            source.close();
            throw new DocumentFormatException("PDF cannot be parsed: " + e.getMessage(), e);
        }
    }

    private static String contentHash(PDPage page, int number) throws DocumentFormatException {
        MessageDigest sha256 = newSha256();
        try (InputStream contents = page.getContents();
                OutputStream hashing = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
            contents.transferTo(hashing);
        } catch (IOException e) {
            throw new DocumentFormatException("PDF page " + number + " has unreadable contents: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
