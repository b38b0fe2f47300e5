package org.printgate.ipp;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.net.URI;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * A 2 GiB document passes through client and server in one JVM whose heap is 64 MiB: the
 * surefire execution "low-memory" runs this class alone with -Xmx64m, so holding the document
 * anywhere would fail with OutOfMemoryError.
 */
class LargeDocumentLowMemoryTest {
    private static final long TWO_GIB = 2L * 1024 * 1024 * 1024;

    @Test
    void streamsTwoGibibytesThroughASixtyFourMebibyteHeap() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("this test must run with -Xmx64m").isLessThanOrEqualTo(80L << 20);
        DigestPrinterService service = new DigestPrinterService();
        try (IppServer server = IppServer.builder(service).listen("127.0.0.1", 0).build().start()) {
            URI printer = URI.create("ipp://127.0.0.1:" + server.port() + "/ipp/print");
            AttributeGroup operation = AttributeGroup.groupOf(Tag.operationAttributes,
                    Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(printer));
            MessageDigest sent = DigestPrinterService.sha256();
            IppPacket response = new IppClient().send(printer, new IppPacket(Operation.printJob, 1, operation),
                    new DigestInputStream(RawHttp.zeros(TWO_GIB), sent));
            assertThat(response.getStatus()).isEqualTo(Status.successfulOk);
            assertThat(service.documentBytes.get()).isEqualTo(TWO_GIB);
            assertThat(response.getString(Tag.jobAttributes, DigestPrinterService.DOCUMENT_SHA256))
                    .isEqualTo(HexFormat.of().formatHex(sent.digest()));
        }
    }
}
