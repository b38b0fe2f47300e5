package org.printgate.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

/**
 * A document delivered in two parts, where reading the second part first checks that the sink
 * already has some pages: proof that those pages were delivered from the first part alone.
 */
final class TripwireInput {

    private TripwireInput() {
    }

    static InputStream pagesBeforeRest(byte[] document, int firstPartLength, RecordingSink sink, int pages) {
        InputStream first = new ByteArrayInputStream(Arrays.copyOf(document, firstPartLength));
        ByteArrayInputStream rest = new ByteArrayInputStream(Arrays.copyOfRange(document, firstPartLength, document.length));
        InputStream tripwire = new InputStream() {
            private boolean tripped;

            @Override
            public int read() {
                check();
                return rest.read();
            }

            @Override
            public int read(byte[] into, int offset, int length) {
                check();
                return rest.read(into, offset, length);
            }

            private void check() {
                if (tripped) {
                    return;
                }
                tripped = true;
                assertThat(sink.pages).as("pages delivered before the rest of the document was read").hasSize(pages);
            }
        };
        return new SequenceInputStream(first, tripwire);
    }
}
