package org.printgate.engine.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * Comma-separated values as RFC 4180 §2 writes them: records end in CRLF; a field with a comma,
 * a double quote, CR or LF is enclosed in double quotes, and its quotes are doubled. UTF-8.
 * <p>
 * Text that people typed (job names, user names) may start with {@code = + - @}, which a
 * spreadsheet opening the file would run as a formula (CSV injection, OWASP): such a field is
 * written with a leading apostrophe, which spreadsheets show as text. Numbers are written as is.
 */
public final class CsvWriter implements AutoCloseable {
    private final BufferedWriter out;
    private boolean firstField = true;

    public CsvWriter(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
    }

    /** A field of text, neutralised if a spreadsheet would take it for a formula. */
    public CsvWriter text(String value) throws IOException {
        String field = value == null ? "" : value;
        if (!field.isEmpty() && "=+-@\t\r".indexOf(field.charAt(0)) >= 0) {
            field = "'" + field;
        }
        return field(field);
    }

    /** A number. */
    public CsvWriter number(long value) throws IOException {
        return field(Long.toString(value));
    }

    /** A field as it is (RFC 4180 quoting only): headers, dates, keywords. */
    public CsvWriter field(String value) throws IOException {
        if (!firstField) {
            out.write(',');
        }
        firstField = false;
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            out.write('"');
            out.write(value.replace("\"", "\"\""));
            out.write('"');
        } else {
            out.write(value);
        }
        return this;
    }

    /** Ends the record. */
    public void endRecord() throws IOException {
        out.write("\r\n");
        firstField = true;
    }

    /** A header or other record of plain fields. */
    public void record(String... fields) throws IOException {
        for (String field : fields) {
            field(field);
        }
        endRecord();
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** Flushes what is buffered and closes the stream under it. */
    @Override
    public void close() throws IOException {
        out.close();
    }
}
