package org.printgate.engine.ipp;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IntType;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.KeywordType;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.ipp.IppClient;

/** Malformed and hostile requests get a clear status and harm nothing. */
class HostileRequestsTest {
    @RegisterExtension
    final EngineUnderTest engine = new EngineUnderTest(EngineOverHttpTest::config);
    private IppClient ipp;
    private URI queue;

    @BeforeEach
    void connect() {
        ipp = new IppClient().withAuthorization("Bearer " + EngineOverHttpTest.ANN_TOKEN);
        queue = engine.systemUri().resolve("/ipp/print/office");
    }


    private Status createJob(Attribute<?>... extra) throws Exception {
        List<Attribute<?>> operation = new ArrayList<>(List.of(Types.attributesCharset.of("utf-8"),
                Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(queue),
                Types.requestingUserName.of("ann@corp"),
                Types.clientInfo.of(org.printgate.protocol.client.TicketClient.defaultClientInfo())));
        operation.addAll(Arrays.asList(extra));
        return ipp.send(queue, new IppPacket(Operation.createJob, 1,
                AttributeGroup.groupOf(Tag.operationAttributes, operation))).getStatus();
    }

    /** A valid Create-Job of ann's 3 kB document, with {@code requestId}. */
    private IppPacket annsCreateJob(int requestId) {
        return new IppPacket(Operation.createJob, requestId, AttributeGroup.groupOf(Tag.operationAttributes,
                Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(queue),
                Types.requestingUserName.of("ann@corp"), Types.jobKOctets.of(3),
                Types.clientInfo.of(org.printgate.protocol.client.TicketClient.defaultClientInfo())));
    }

    @Test
    void rejectsWrongSyntaxNegativeAndHugeValues() throws Exception {
        assertThat(createJob(new KeywordType("job-k-octets").of("lots"))).isEqualTo(Status.clientErrorBadRequest);
        assertThat(createJob(Types.jobKOctets.of(-5))).isEqualTo(Status.clientErrorAttributesOrValuesNotSupported);
        assertThat(createJob(Types.jobName.of("x".repeat(300)))).isIn(Status.clientErrorRequestValueTooLong,
                Status.clientErrorBadRequest);
        assertThat(createJob(new IntType("job-impressions").of(Integer.MIN_VALUE)))
                .isEqualTo(Status.clientErrorAttributesOrValuesNotSupported);
        // Still whole: a proper request works.
        assertThat(createJob(Types.jobKOctets.of(10))).isEqualTo(Status.successfulOk);
    }

    @Test
    void rejectsAnOversizedRequest() throws Exception {
        String[] many = new String[4000];
        Arrays.fill(many, "requested-attribute-name-quite-long");
        IppPacket request = new IppPacket(Operation.getPrinterAttributes, 1, AttributeGroup.groupOf(Tag.operationAttributes,
                Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(queue),
                Types.requestedAttributes.of(Arrays.asList(many))));
        assertThat(ipp.send(queue, request).getStatus()).isEqualTo(Status.clientErrorRequestEntityTooLarge);
    }

    @Test
    void answersUnknownOperationsAndTargets() throws Exception {
        IppPacket unknown = new IppPacket(0x0200, 0x4F00, 1, AttributeGroup.groupOf(Tag.operationAttributes,
                Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(queue)));
        assertThat(ipp.send(queue, unknown).getStatus()).isEqualTo(Status.serverErrorOperationNotSupported);
        IppPacket printJob = new IppPacket(Operation.printJob, 1, AttributeGroup.groupOf(Tag.operationAttributes,
                Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(queue)));
        assertThat(ipp.send(queue, printJob).getStatus()).as("the engine never takes documents")
                .isEqualTo(Status.serverErrorOperationNotSupported);
        IppPacket noTarget = new IppPacket(Operation.createJob, 1, AttributeGroup.groupOf(Tag.operationAttributes,
                Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en")));
        assertThat(ipp.send(queue, noTarget).getStatus()).isEqualTo(Status.clientErrorBadRequest);
        IppPacket noJob = new IppPacket(Operation.getJobAttributes, 1, AttributeGroup.groupOf(Tag.operationAttributes,
                Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"),
                Types.jobUri.of(engine.systemUri().resolve("/ipp/job/999999"))));
        assertThat(ipp.send(queue, noJob).getStatus()).isEqualTo(Status.clientErrorNotFound);
    }

    @Test
    void survivesThousandsOfMutatedAuthenticatedRequests() throws Exception {
        IppPacket valid = annsCreateJob(1);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        valid.write(bytes);
        byte[] original = bytes.toByteArray();
        Random random = new Random(7);
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        int answered = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] body = original.clone();
            for (int e = 0; e < 1 + random.nextInt(3); e++) {
                body[random.nextInt(body.length)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(10) == 0) {
                body = Arrays.copyOf(body, random.nextInt(body.length));
            }
            var response = http.send(java.net.http.HttpRequest.newBuilder(IppClient.httpUri(queue))
                    .header("Content-Type", "application/ipp").header("Authorization", "Bearer " + EngineOverHttpTest.ANN_TOKEN)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isIn(200, 400);
            answered++;
        }
        assertThat(answered).isEqualTo(3000);
        assertThat(createJob(Types.jobKOctets.of(10))).isEqualTo(Status.successfulOk);
    }

    @Test
    void aResentTicketRequestGetsTheSameTicketNotASecondOne() throws Exception {
        IppPacket request = annsCreateJob(4242);
        int first = ipp.send(queue, request).getValue(Tag.jobAttributes, Types.jobId);
        int again = ipp.send(queue, request).getValue(Tag.jobAttributes, Types.jobId);
        assertThat(again).isEqualTo(first);
        IppPacket another = new IppPacket(Operation.createJob, 4243, request.getAttributeGroups().get(0));
        assertThat((int) ipp.send(queue, another).getValue(Tag.jobAttributes, Types.jobId)).isNotEqualTo(first);
        // The replay is remembered across a restart too: it is stored with the ticket.
        engine.restart();
        queue = engine.systemUri().resolve("/ipp/print/office");
        assertThat((int) ipp.send(queue, request).getValue(Tag.jobAttributes, Types.jobId)).isEqualTo(first);
    }
}
