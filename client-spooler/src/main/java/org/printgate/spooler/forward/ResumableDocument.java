package org.printgate.spooler.forward;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.printgate.formats.Page;
import org.printgate.formats.PageSplitters;

/**
 * A spooled document from page N on (seed 001, checkpoint/restart), for printers that cannot be
 * told {@code page-ranges}. Streamed formats (PWG raster, PostScript with DSC comments, PCL...)
 * are cut at a page boundary: the prologue (everything before page 1) followed by the bytes from
 * page N's first byte. A PDF is rewritten with PDFBox from its pages N.. into a temporary file.
 * Nothing is held whole in the heap.
 */
public final class ResumableDocument {
    private ResumableDocument() {}

    /** The document from page {@code fromPage} (1 = all of it). The caller closes the stream. */
    public static InputStream from(Path document, String format, int fromPage) throws IOException {
        if (fromPage <= 1) {
            return Files.newInputStream(document);
        }
        if (isPdf(format, () -> Files.newInputStream(document))) {
            return pdfFrom(document, fromPage);
        }
        long[] cut = boundaries(document, format, fromPage);
        FileChannel prologue = FileChannel.open(document, StandardOpenOption.READ);
        FileChannel rest = FileChannel.open(document, StandardOpenOption.READ).position(cut[1]);
        InputStream head = new BoundedInputStream(Channels.newInputStream(prologue), cut[0]);
        return new SequenceInputStream(head, Channels.newInputStream(rest));
    }

    /** The page count of a spooled document, or -1 when its format has no page boundaries we know. */
    public static int pageCount(Path document, String format) {
        return pageCount(() -> Files.newInputStream(document),
                () -> Loader.loadPDF(new RandomAccessReadBufferedFile(document.toFile())), format);
    }

    /** The page count of a document kept in memory (a small one, from the journal), or -1 as above. */
    public static int pageCount(byte[] document, String format) {
        return pageCount(() -> new ByteArrayInputStream(document), () -> Loader.loadPDF(document), format);
    }

    /** A document's bytes, however it is kept. */
    private interface Source {
        InputStream open() throws IOException;
    }

    /** The same document, as PDFBox reads it (at random, not streamed). */
    private interface PdfSource {
        PDDocument load() throws IOException;
    }

    private static int pageCount(Source source, PdfSource pdfSource, String format) {
        try {
            if (isPdf(format, source)) {
                try (PDDocument pdf = pdfSource.load()) {
                    return pdf.getNumberOfPages();
                }
            }
            try (InputStream in = source.open()) {
                return PageSplitters.forFormat(format).split(in, page -> { });
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** [prologue length, offset of page fromPage]; throws when the document has fewer pages. */
    private static long[] boundaries(Path document, String format, int fromPage) throws IOException {
        long[] found = {-1, -1};
        try (InputStream in = Files.newInputStream(document)) {
            PageSplitters.forFormat(format).split(in, page -> record(page, fromPage, found));
        } catch (StopSplitting done) {
            return found;
        }
        throw new IOException("the document has fewer than " + fromPage + " pages");
    }

    private static void record(Page page, int fromPage, long[] found) throws StopSplitting {
        if (!page.hasByteRange()) {
            throw new StopSplitting();
        }
        if (page.number() == 1) {
            found[0] = page.offset();
        }
        if (page.number() == fromPage) {
            found[1] = page.offset();
            throw new StopSplitting();
        }
    }

    private static InputStream pdfFrom(Path document, int fromPage) throws IOException {
        Path part = Files.createTempFile(document.getParent(), document.getFileName() + ".from" + fromPage, ".pdf");
        try (PDDocument pdf = Loader.loadPDF(new RandomAccessReadBufferedFile(document.toFile()))) {
            if (fromPage > pdf.getNumberOfPages()) {
                throw new IOException("the document has " + pdf.getNumberOfPages() + " pages, not " + fromPage);
            }
            for (int i = fromPage - 1; i > 0; i--) {
                pdf.removePage(0);
            }
            pdf.save(part.toFile());
        }
        // Deleted as soon as it is opened: the open stream keeps the data until it is closed.
        InputStream in = Files.newInputStream(part);
        Files.delete(part);
        return in;
    }

    private static boolean isPdf(String format, Source document) throws IOException {
        String type = format.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/pdf")) {
            return true;
        }
        if (!type.startsWith("application/octet-stream")) {
            return false;
        }
        try (InputStream in = document.open()) {
            byte[] magic = in.readNBytes(5);
            return new String(magic, java.nio.charset.StandardCharsets.ISO_8859_1).equals("%PDF-");
        }
    }

    /** Ends a split once the wanted page is found: the rest of the document need not be read. */
    private static final class StopSplitting extends IOException {
        StopSplitting() {
            super("page found");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** The first {@code limit} bytes of a stream. */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
