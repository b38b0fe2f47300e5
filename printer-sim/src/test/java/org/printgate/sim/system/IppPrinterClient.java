package org.printgate.sim.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.printgate.ipp.IppClient;
import org.printgate.testing.Await;

/**
 * What a client sees of one simulated printer over IPP: the operations the system tests send,
 * each a real request over HTTP through {@link IppClient}.
 */
final class IppPrinterClient {
    private static final AtomicInteger REQUEST_IDS = new AtomicInteger(1);

    private final IppClient client;
    private final URI printerUri;

    IppPrinterClient(URI printerUri, Duration connectTimeout, Duration requestTimeout) {
        this.client = new IppClient(connectTimeout, requestTimeout);
        this.printerUri = printerUri;
    }

    URI printerUri() {
        return printerUri;
    }

    IppPacket printJob(String format, byte[] document) throws IOException {
        return client.send(printerUri, request(Operation.printJob,
                Types.requestingUserName.of("tester"), Types.jobName.of("system test"),
                Types.documentFormat.of(format)), new ByteArrayInputStream(document));
    }

    /** Print-Job with job template attributes (copies, sides, ...). */
    IppPacket printJob(String format, byte[] document, Attribute<?>... template) throws IOException {
        IppPacket request = request(Operation.printJob, Types.requestingUserName.of("tester"), Types.jobName.of("system test"),
                Types.documentFormat.of(format));
        List<AttributeGroup> groups = new ArrayList<>(request.getAttributeGroups());
        groups.add(AttributeGroup.groupOf(Tag.jobAttributes, template));
        return client.send(printerUri, new IppPacket(request.getVersionNumber(), request.getCode(), request.getRequestId(), groups),
                new ByteArrayInputStream(document));
    }

    /** Print-Job that must succeed; returns the job-id. */
    int print(String format, byte[] document) throws IOException {
        IppPacket response = printJob(format, document);
        assertThat(response.getStatus()).as("Print-Job status").isEqualTo(Status.successfulOk);
        return response.getValue(Tag.jobAttributes, Types.jobId);
    }

    IppPacket createJob(String format) throws IOException {
        return client.send(printerUri, request(Operation.createJob,
                Types.requestingUserName.of("tester"), Types.jobName.of("system test"),
                Types.documentFormat.of(format)));
    }

    IppPacket sendDocument(int jobId, String format, byte[] document, boolean last) throws IOException {
        return client.send(printerUri, request(Operation.sendDocument, Types.jobId.of(jobId),
                Types.requestingUserName.of("tester"), Types.documentFormat.of(format),
                Types.lastDocument.of(last)), new ByteArrayInputStream(document));
    }

    IppPacket getPrinterAttributes(String... requested) throws IOException {
        return client.send(printerUri, request(Operation.getPrinterAttributes, requested(requested)));
    }

    IppPacket getJobAttributes(int jobId, String... requested) throws IOException {
        List<Attribute<?>> attributes = new ArrayList<>(List.of(Types.jobId.of(jobId)));
        attributes.addAll(List.of(requested(requested)));
        return client.send(printerUri, request(Operation.getJobAttributes, attributes.toArray(Attribute<?>[]::new)));
    }

    IppPacket getJobs(String whichJobs, String... requested) throws IOException {
        List<Attribute<?>> attributes = new ArrayList<>(List.of(Types.whichJobs.of(whichJobs)));
        attributes.addAll(List.of(requested(requested)));
        return client.send(printerUri, request(Operation.getJobs, attributes.toArray(Attribute<?>[]::new)));
    }

    IppPacket cancelJob(int jobId) throws IOException {
        return client.send(printerUri, request(Operation.cancelJob, Types.jobId.of(jobId),
                Types.requestingUserName.of("tester")));
    }

    JobState jobState(int jobId) throws IOException {
        IppPacket response = getJobAttributes(jobId, "job-state");
        assertThat(response.getStatus()).as("Get-Job-Attributes status").isEqualTo(Status.successfulOk);
        return response.getValue(Tag.jobAttributes, Types.jobState);
    }

    /** Waits until the job is in {@code state}, as Get-Job-Attributes reports it. */
    void awaitJobState(int jobId, JobState state) {
        Await.until("job " + jobId + " is " + state.getName(), () -> jobState(jobId).equals(state));
    }

    /** printer-state as Get-Printer-Attributes reports it: 3 idle, 4 processing, 5 stopped. */
    int printerState() throws IOException {
        return getPrinterAttributes("printer-state").getValue(Tag.printerAttributes, Types.printerState).getCode();
    }

    List<String> printerStateReasons() throws IOException {
        return getPrinterAttributes("printer-state-reasons").getStrings(Tag.printerAttributes, Types.printerStateReasons);
    }

    private static Attribute<?>[] requested(String... names) {
        return names.length == 0 ? new Attribute<?>[0] : new Attribute<?>[] {Types.requestedAttributes.of(List.of(names))};
    }

    IppPacket identifyPrinter(String action, String message) throws IOException {
        return client.send(printerUri, request(Operation.identifyPrinter,
                Types.identifyActions.of(action), Types.message.of(message)));
    }

    /** Any operation, as "tester", with these operation attributes and further groups (subscription, job, printer). */
    IppPacket send(Operation operation, List<Attribute<?>> attributes, AttributeGroup... groups) throws IOException {
        List<Attribute<?>> all = new ArrayList<>(List.of(Types.requestingUserName.of("tester")));
        all.addAll(attributes);
        IppPacket request = request(operation, all.toArray(Attribute<?>[]::new));
        List<AttributeGroup> allGroups = new ArrayList<>(request.getAttributeGroups());
        allGroups.addAll(List.of(groups));
        return client.send(printerUri, new IppPacket(request.getVersionNumber(), request.getCode(), request.getRequestId(), allGroups));
    }

    private IppPacket request(Operation operation, Attribute<?>... attributes) {
        List<Attribute<?>> group = new ArrayList<>(List.of(Types.attributesCharset.of("utf-8"),
                Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(printerUri)));
        group.addAll(List.of(attributes));
        return new IppPacket(operation, REQUEST_IDS.getAndIncrement(), AttributeGroup.groupOf(Tag.operationAttributes, group));
    }
}
