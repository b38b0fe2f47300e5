package org.printgate.protocol.client;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.ClientInfo;
import com.hp.jipp.model.ClientType;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.NotifyEvent;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import com.hp.jipp.model.WhichJobs;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.printgate.ipp.ExtraTypes;
import org.printgate.ipp.IppClient;
import org.printgate.protocol.PrintgateTypes;

/**
 * The Java client of the ticket protocol (docs/ticket-protocol.md), for the spooler: one method
 * per step of a job's life. Calls block; {@link #poll} is the long-poll and blocks until an event
 * or the engine's hold time. The steps of a job's life also come without blocking
 * ({@code *Async}), for callers that run many clients on few threads (the engine bench).
 */
public final class TicketClient {
    /** job-priority when a request names none (RFC 8011 job-priority-default, docs/ticket-protocol.md §9.1). */
    public static final int DEFAULT_PRIORITY = 50;

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    private final URI systemUri;
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(90);
    private final EngineTransport transport;
    private final String authorization;
    /** Starts anywhere: a restarted client must not reuse the request-ids of its last run (§11.1). */
    private final AtomicInteger requestIds = new AtomicInteger(1 + new java.security.SecureRandom().nextInt(1 << 30));
    private volatile List<ClientInfo> clientInfo = defaultClientInfo();
    /** What the engine last accepted from us: it keeps it, so it need not be sent again (§6.3). */
    private volatile List<ClientInfo> acceptedClientInfo;

    /**
     * A ticket as the engine answered it; {@code ahead} is how many tickets wait before it
     * (number-of-intervening-jobs) when it waits in line, else -1.
     */
    public record TicketStatus(long jobId, URI jobUri, JobState state, List<String> reasons, int ahead) {}

    /**
     * One event from the long-poll; {@code deviceUri} and {@code leaseSeconds} come with a
     * go-ahead, {@code message} (job-state-message, "" when none) with a job the engine changed.
     */
    public record Notification(int sequence, String event, long jobId, JobState state, List<String> reasons,
                               URI deviceUri, int leaseSeconds, URI printerUri, String message) {
        public Notification(int sequence, String event, long jobId, JobState state, List<String> reasons,
                            URI deviceUri, int leaseSeconds, URI printerUri) {
            this(sequence, event, jobId, state, reasons, deviceUri, leaseSeconds, printerUri, "");
        }

        public boolean isGoAhead() {
            return event.equals(NotifyEvent.jobFetchable);
        }

        /** A printer stopped or started (fig. 7); {@link #reasons} are the printer's. */
        public boolean isPrinterChange() {
            return event.equals(NotifyEvent.printerStateChanged);
        }

        /** A queue was created or reconfigured (look it up), or deleted (§7). */
        public boolean isQueueNews() {
            return event.equals(NotifyEvent.printerCreated) || event.equals(NotifyEvent.printerConfigChanged)
                    || event.equals(NotifyEvent.printerDeleted);
        }
    }

    /**
     * Every control request is small and quick: one left hanging (a connection that died
     * mid-request without a reset, as an engine being stopped can leave it) fails after
     * REQUEST_TIMEOUT, and the caller's retry goes out on a new connection.
     */
    private TicketClient(URI systemUri, EngineTransport transport, String authorization) {
        this.systemUri = systemUri;
        this.transport = transport;
        this.authorization = authorization;
    }

    /**
     * A client on a given transport (its connection and thread), with its own HTTP Authorization
     * header value: for spoolers that bring their own TLS trust, load generators, and processes
     * with many identities.
     */
    public static TicketClient using(EngineTransport transport, URI systemUri, String authorization) {
        return new TicketClient(systemUri, transport, authorization);
    }

    /** A client with a Bearer token (spoolers). */
    public static TicketClient withToken(URI systemUri, String token) {
        return new TicketClient(systemUri, EngineTransport.shared(), "Bearer " + token);
    }

    /** A client with a user and password (people and tools). */
    public static TicketClient withPassword(URI systemUri, String user, String password) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new TicketClient(systemUri, EngineTransport.shared(), "Basic " + basic);
    }

    /** What this client says it is (PWG 5100.7 client-info), sent with every ticket request. */
    public TicketClient describing(List<ClientInfo> components) {
        this.clientInfo = List.copyOf(components);
        return this;
    }

    /** The spooler and the operating system it runs on. */
    public static List<ClientInfo> defaultClientInfo() {
        return List.of(
                new ClientInfo("printgate-spooler", null, VERSION, ClientType.application, null),
                new ClientInfo(System.getProperty("os.name"), null, System.getProperty("os.version"),
                        ClientType.operatingSystem, null));
    }

    /** This client library's version. */
    public static final String VERSION = "0.1.0";

    public URI queueUri(String queue) {
        return systemUri.resolve("/ipp/print/" + queue);
    }

    public URI jobUri(long jobId) {
        return systemUri.resolve("/ipp/job/" + jobId);
    }

    /** Create-System-Subscriptions: this client's one subscription for all its jobs (§6.2). */
    public int subscribe() throws IOException {
        IppPacket response = call(systemUri, Operation.createSystemSubscriptions, List.of(Types.systemUri.of(systemUri)),
                AttributeGroup.groupOf(Tag.subscriptionAttributes, Types.notifyPullMethod.of("ippget"),
                        Types.notifyEvents.of(NotifyEvent.jobFetchable, NotifyEvent.jobStateChanged, NotifyEvent.printerStateChanged)));
        return response.getValue(Tag.subscriptionAttributes, Types.notifySubscriptionId);
    }

    /** Renew-Subscription: a new lease of {@code leaseSeconds} (null: the default) from now; returns the one granted. */
    public int renewSubscription(int subscriptionId, Integer leaseSeconds) throws IOException {
        AttributeGroup template = leaseSeconds == null ? null
                : AttributeGroup.groupOf(Tag.subscriptionAttributes, Types.notifyLeaseDuration.of(leaseSeconds));
        IppPacket response = call(systemUri, Operation.renewSubscription,
                List.of(Types.systemUri.of(systemUri), Types.notifySubscriptionId.of(subscriptionId)), template);
        return response.getValue(Tag.subscriptionAttributes, Types.notifyLeaseDuration);
    }

    /** Cancel-Subscription: events stop; the engine keeps the recent ones for the next subscription. */
    public void cancelSubscription(int subscriptionId) throws IOException {
        call(systemUri, Operation.cancelSubscription,
                List.of(Types.systemUri.of(systemUri), Types.notifySubscriptionId.of(subscriptionId)), null);
    }

    /** Get-Subscription-Attributes: the subscription's attributes as the engine holds them (null: it has none). */
    public AttributeGroup subscriptionAttributes(int subscriptionId) throws IOException {
        return call(systemUri, Operation.getSubscriptionAttributes,
                List.of(Types.systemUri.of(systemUri), Types.notifySubscriptionId.of(subscriptionId)), null)
                .get(Tag.subscriptionAttributes);
    }

    /** A subscription as the engine granted it: its id and its lease in seconds (§6.2). */
    public record Subscription(int id, int leaseSeconds) {}

    /**
     * Create-System-Subscriptions asking for a lease of {@code leaseSeconds} (null: the engine's
     * default; 0: as long as the engine allows). The engine drops a subscription that is not
     * polled within its lease; {@link #poll} then throws {@link SubscriptionGoneException}.
     */
    public Subscription subscription(Integer leaseSeconds) throws IOException {
        List<Attribute<?>> template = new ArrayList<>(List.of(Types.notifyPullMethod.of("ippget"),
                Types.notifyEvents.of(NotifyEvent.jobFetchable, NotifyEvent.jobStateChanged, NotifyEvent.printerStateChanged)));
        if (leaseSeconds != null) {
            template.add(Types.notifyLeaseDuration.of(leaseSeconds));
        }
        IppPacket response = call(systemUri, Operation.createSystemSubscriptions, List.of(Types.systemUri.of(systemUri)),
                AttributeGroup.groupOf(Tag.subscriptionAttributes, template));
        AttributeGroup granted = response.get(Tag.subscriptionAttributes);
        Integer lease = granted.getValue(Types.notifyLeaseDuration);
        return new Subscription(granted.getValue(Types.notifySubscriptionId), lease == null ? 0 : lease);
    }

    /**
     * Create-Job without a document: the ticket request (3-1..3-5). With {@code kOctets} ≥ 0
     * the details go along and the ticket is queued at once; -1 leaves it incoming.
     */
    public TicketStatus requestTicket(String queue, String user, String jobName, int priority, long kOctets,
                                     int impressions) throws IOException {
        return await(queueUri(queue), requestTicketAsync(queue, user, jobName, priority, kOctets, impressions),
                REQUEST_TIMEOUT);
    }

    /** {@link #requestTicket} without waiting: the answer completes the future on the transport's I/O thread. */
    public CompletableFuture<TicketStatus> requestTicketAsync(String queue, String user, String jobName, int priority,
                                                             long kOctets, int impressions) {
        List<ClientInfo> describe = clientInfo;
        boolean send = !describe.isEmpty() && !describe.equals(acceptedClientInfo);
        CompletableFuture<TicketStatus> first = createJob(queue, user, jobName, priority, kOctets, impressions,
                send ? describe : List.of());
        return cancelling(first
                .thenApply(ticket -> {
                    if (send) {
                        acceptedClientInfo = describe;
                    }
                    return ticket;
                })
                .exceptionallyCompose(thrown -> {
                    // The engine no longer knows what we are (it restarted): say it once more.
                    IOException e = failure(thrown);
                    if (send || describe.isEmpty() || !(e instanceof TicketException refused)
                            || !refused.status().equals(Status.clientErrorBadRequest)) {
                        return CompletableFuture.failedFuture(e);
                    }
                    return createJob(queue, user, jobName, priority, kOctets, impressions, describe).thenApply(ticket -> {
                        acceptedClientInfo = describe;
                        return ticket;
                    });
                }), first);
    }

    private CompletableFuture<TicketStatus> createJob(String queue, String user, String jobName, int priority, long kOctets,
                                                     int impressions, List<ClientInfo> describe) {
        CompletableFuture<IppPacket> sent = sendPacket(queueUri(queue),
                createJobPacket(queue, user, jobName, priority, kOctets, impressions, describe));
        return cancelling(sent.thenApply(TicketClient::ticketOf), sent);
    }

    private IppPacket createJobPacket(String queue, String user, String jobName, int priority, long kOctets,
                                      int impressions, List<ClientInfo> describe) {
        List<Attribute<?>> operation = new ArrayList<>(List.of(Types.printerUri.of(queueUri(queue)),
                Types.requestingUserName.of(user), Types.jobName.of(jobName)));
        if (!describe.isEmpty()) {
            operation.add(Types.clientInfo.of(describe));
        }
        if (kOctets >= 0) {
            operation.add(Types.jobKOctets.of((int) Math.min(Integer.MAX_VALUE, kOctets)));
        }
        if (impressions >= 0) {
            operation.add(Types.jobImpressions.of(impressions));
        }
        // The engine's default priority is not sent: 21 bytes of every job's budget (§13.3).
        return packet(Operation.createJob, operation,
                priority == DEFAULT_PRIORITY ? null : AttributeGroup.groupOf(Tag.jobAttributes, Types.jobPriority.of(priority)));
    }

    /**
     * A Create-Job as it goes on the wire, request-id included (§11.1). A spooler keeps it with
     * its job until the answer is written down and resends it byte for byte after a lost answer,
     * also after a restart: the engine knows it again and answers with the ticket it already
     * made, never a second one.
     */
    public record TicketRequest(byte[] bytes) {
        IppPacket packet() {
            try {
                return IppPacket.read(new java.io.ByteArrayInputStream(bytes));
            } catch (IOException e) {
                throw new IllegalStateException("a kept ticket request does not read back", e);
            }
        }

        /** Whether it says what the client is (client-info): the engine may have forgotten what it was told (§6.3). */
        boolean describes() {
            AttributeGroup operation = packet().get(Tag.operationAttributes);
            return operation != null && operation.get(Types.clientInfo.getName()) != null;
        }
    }

    /**
     * A ticket request ready to be sent and kept (§11.1): as {@link #requestTicket(String, String,
     * String, int, long, int)} sends it, with this client's next request-id.
     */
    public TicketRequest prepareTicket(String queue, String user, String jobName, int priority, long kOctets,
                                       int impressions) {
        List<ClientInfo> describe = clientInfo;
        boolean send = !describe.isEmpty() && !describe.equals(acceptedClientInfo);
        return prepared(createJobPacket(queue, user, jobName, priority, kOctets, impressions, send ? describe : List.of()));
    }

    /**
     * Sends a kept ticket request exactly as it was prepared, same request-id (§11.1). If the
     * engine no longer knows what this client is (it restarted and refused a request without
     * client-info), the request is prepared again with client-info and handed to {@code keep}
     * before it goes: the new one is what must be resent from then on.
     */
    public TicketStatus requestTicket(TicketRequest request, java.util.function.Consumer<TicketRequest> keep)
            throws IOException {
        IppPacket packet = request.packet();
        URI target = packet.getValue(Tag.operationAttributes, Types.printerUri);
        try {
            return accepted(request, await(target, sendPacket(target, packet), REQUEST_TIMEOUT));
        } catch (TicketException refused) {
            if (request.describes() || clientInfo.isEmpty() || !refused.status().equals(Status.clientErrorBadRequest)) {
                throw refused;
            }
        }
        List<Attribute<?>> operation = new ArrayList<>(packet.get(Tag.operationAttributes));
        operation.add(Types.clientInfo.of(clientInfo));
        List<AttributeGroup> groups = new ArrayList<>(packet.getAttributeGroups());
        groups.set(0, AttributeGroup.groupOf(Tag.operationAttributes, operation));
        TicketRequest described = prepared(new IppPacket(packet.getVersionNumber(), packet.getCode(),
                requestIds.getAndIncrement(), groups));
        keep.accept(described);
        return accepted(described, await(target, sendPacket(target, described.packet()), REQUEST_TIMEOUT));
    }

    private TicketStatus accepted(TicketRequest request, IppPacket answer) {
        AttributeGroup operation = request.packet().get(Tag.operationAttributes);
        if (operation.get(Types.clientInfo.getName()) != null) {
            acceptedClientInfo = operation.getValues(Types.clientInfo);
        }
        return ticketOf(answer);
    }

    private static TicketRequest prepared(IppPacket packet) {
        try {
            return new TicketRequest(encode(packet));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] encode(IppPacket packet) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(256);
        packet.write(bytes);
        return bytes.toByteArray();
    }

    /** Set-Job-Attributes: the job details once spooled (3-6..3-8). */
    public TicketStatus details(long jobId, long kOctets, int impressions) throws IOException {
        List<Attribute<?>> job = new ArrayList<>(List.of(Types.jobKOctets.of((int) Math.min(Integer.MAX_VALUE, kOctets))));
        if (impressions >= 0) {
            job.add(Types.jobImpressions.of(impressions));
        }
        return ticketOf(call(jobUri(jobId), Operation.setJobAttributes, List.of(Types.jobUri.of(jobUri(jobId))),
                AttributeGroup.groupOf(Tag.jobAttributes, job)));
    }

    /**
     * Get-Notifications: events from {@code fromSequence} on; with {@code wait}, blocks until one
     * comes or the engine's hold time ends (then the list is empty). Passing a sequence number
     * beyond a go-ahead confirms it (§6.6).
     *
     * @throws SubscriptionGoneException when the subscription no longer exists (its lease ran out,
     *         or the engine restarted): subscribe again and {@link #resync} the jobs
     */
    public List<Notification> poll(int subscription, int fromSequence, boolean wait) throws IOException {
        return await(systemUri, pollAsync(subscription, fromSequence, wait), POLL_TIMEOUT);
    }

    /** {@link #poll} without waiting: the events complete the future on the transport's I/O thread. */
    public CompletableFuture<List<Notification>> pollAsync(int subscription, int fromSequence, boolean wait) {
        CompletableFuture<IppPacket> sent = callAsync(systemUri, Operation.getNotifications, List.of(Types.systemUri.of(systemUri),
                Types.notifySubscriptionIds.of(subscription), Types.notifySequenceNumbers.of(fromSequence),
                Types.notifyWait.of(wait)), null);
        return cancelling(sent
                .exceptionallyCompose(thrown -> {
                    IOException e = failure(thrown);
                    return CompletableFuture.failedFuture(e instanceof TicketException refused
                            && refused.status().equals(Status.clientErrorNotFound)
                            ? new SubscriptionGoneException(subscription, refused) : e);
                })
                .thenApply(TicketClient::notificationsOf), sent);
    }

    private static List<Notification> notificationsOf(IppPacket response) {
        List<Notification> events = new ArrayList<>();
        for (AttributeGroup group : response.getAttributeGroups()) {
            if (!group.getTag().equals(Tag.eventNotificationAttributes)) {
                continue;
            }
            Integer lease = group.getValue(PrintgateTypes.grantLease);
            Integer jobId = group.getValue(Types.jobId);
            boolean printer = group.get(Types.printerState.getName()) != null;
            events.add(new Notification(group.getValue(Types.notifySequenceNumber), group.getValue(Types.notifySubscribedEvent),
                    jobId == null ? 0 : jobId, group.getValue(Types.jobState),
                    printer ? group.getValues(Types.printerStateReasons) : group.getValues(Types.jobStateReasons),
                    group.getValue(PrintgateTypes.deviceUri), lease == null ? 0 : lease, group.getValue(Types.notifyPrinterUri),
                    printer || group.getValue(Types.jobStateMessage) == null ? "" : group.getValue(Types.jobStateMessage).getValue()));
        }
        return events;
    }

    /** Acknowledge-Job: the explicit confirm of a go-ahead (6-4). */
    public void confirm(long jobId) throws IOException {
        await(jobUri(jobId), confirmAsync(jobId), REQUEST_TIMEOUT);
    }

    /** {@link #confirm} without waiting. */
    public CompletableFuture<Void> confirmAsync(long jobId) {
        CompletableFuture<IppPacket> sent = callAsync(jobUri(jobId), Operation.acknowledgeJob,
                List.of(Types.jobUri.of(jobUri(jobId))), null);
        return cancelling(sent.thenApply(answer -> null), sent);
    }

    /**
     * Update-Job-Status while printing: the heartbeat with pages done (claim 2). Empty, unless
     * the engine wants the client to stop (an interrupt, §6.7): then the job's state and reasons.
     */
    public Optional<TicketStatus> heartbeat(long jobId, int pagesDone) throws IOException {
        return report(jobId, JobState.processing, pagesDone, List.of(), "");
    }

    /**
     * Update-Job-Status with an ending: completed (6-12), aborted (6-15), canceled (5-4), or
     * pending to give the job back (seed 001: to resume later from {@code pagesDone}).
     */
    public Optional<TicketStatus> report(long jobId, JobState state, int pagesDone, List<String> reasons, String message)
            throws IOException {
        return await(jobUri(jobId), reportAsync(jobId, state, pagesDone, reasons, message), REQUEST_TIMEOUT);
    }

    /** {@link #report} without waiting: the answer completes the future on the transport's I/O thread. */
    public CompletableFuture<Optional<TicketStatus>> reportAsync(long jobId, JobState state, int pagesDone,
                                                                List<String> reasons, String message) {
        List<Attribute<?>> job = new ArrayList<>(List.of(Types.jobImpressionsCompleted.of(pagesDone),
                Types.outputDeviceJobState.of(state)));
        if (!reasons.isEmpty()) {
            job.add(Types.outputDeviceJobStateReasons.of(reasons));
        }
        if (!message.isEmpty()) {
            job.add(Types.outputDeviceJobStateMessage.of(message));
        }
        CompletableFuture<IppPacket> sent = callAsync(jobUri(jobId), Operation.updateJobStatus,
                List.of(Types.jobUri.of(jobUri(jobId))), AttributeGroup.groupOf(Tag.jobAttributes, job));
        return cancelling(sent.thenApply(response -> {
            AttributeGroup answer = response.get(Tag.jobAttributes);
            return answer == null ? Optional.empty() : Optional.of(new TicketStatus(jobId, jobUri(jobId),
                    answer.getValue(Types.jobState), answer.getValues(Types.jobStateReasons), -1));
        }), sent);
    }

    /** Printgate-Move-Job (fig. 7): to another queue, keeping the job's place by age. */
    public TicketStatus move(long jobId, String queue) throws IOException {
        return ticketOf(call(jobUri(jobId), PrintgateTypes.moveJob, List.of(Types.jobUri.of(jobUri(jobId))),
                AttributeGroup.groupOf(Tag.jobAttributes, Types.jobPrinterUri.of(queueUri(queue)))));
    }

    /** Cancel-Job (fig. 4). */
    public void cancel(long jobId) throws IOException {
        call(jobUri(jobId), Operation.cancelJob, List.of(Types.jobUri.of(jobUri(jobId))), null);
    }

    /**
     * Cancel-My-Jobs (PWG 5100.11, §6.8): every live job this credential holds, on {@code queue}
     * or, with null, on every queue.
     */
    public void cancelMyJobs(String queue) throws IOException {
        cancelMyJobs(queue, null, List.of());
    }

    /**
     * Cancel-My-Jobs: the live jobs of {@code user} (null: those this credential holds) on
     * {@code queue} (null: every queue); with {@code jobIds} only those, all or none.
     */
    public void cancelMyJobs(String queue, String user, List<Long> jobIds) throws IOException {
        List<Attribute<?>> operation = bulkTarget(queue, jobIds);
        if (user != null) {
            operation.add(Types.requestingUserName.of(user));
        }
        call(queue == null ? systemUri : queueUri(queue), Operation.cancelMyJobs, operation, null);
    }

    /**
     * Cancel-Jobs (operators, §6.8): every live job on {@code queue} (null: every queue), or only
     * those in {@code jobIds}, all or none. Jobs at a printer are interrupted (fig. 5).
     */
    public void cancelJobs(String queue, List<Long> jobIds) throws IOException {
        call(queue == null ? systemUri : queueUri(queue), Operation.cancelJobs, bulkTarget(queue, jobIds), null);
    }

    private List<Attribute<?>> bulkTarget(String queue, List<Long> jobIds) {
        List<Attribute<?>> operation = new ArrayList<>(List.of(queue == null ? Types.systemUri.of(systemUri)
                : Types.printerUri.of(queueUri(queue))));
        if (!jobIds.isEmpty()) {
            operation.add(Types.jobIds.of(jobIds.stream().map(Long::intValue).toList()));
        }
        return operation;
    }

    /**
     * Get-Jobs of this client's live tickets on {@code queue}, with their places: job id → how many
     * tickets wait before it, for those waiting in line. One request for a whole queue's places.
     */
    public java.util.Map<Long, Integer> placesInLine(String queue) throws IOException {
        IppPacket response = call(queueUri(queue), Operation.getJobs, List.of(Types.printerUri.of(queueUri(queue)),
                Types.whichJobs.of(WhichJobs.notCompleted), Types.myJobs.of(true),
                Types.requestedAttributes.of(Types.jobId.getName(), Types.numberOfInterveningJobs.getName(), Types.jobState.getName())), null);
        java.util.Map<Long, Integer> places = new java.util.HashMap<>();
        for (AttributeGroup job : response.getAttributeGroups()) {
            Integer id = job.getValue(Types.jobId);
            Integer ahead = job.getValue(Types.numberOfInterveningJobs);
            if (job.getTag().equals(Tag.jobAttributes) && id != null && ahead != null
                    && JobState.pending.equals(job.getValue(Types.jobState))) {
                places.put(id.longValue(), ahead);
            }
        }
        return places;
    }

    /** Get-Job-Attributes. */
    public AttributeGroup job(long jobId) throws IOException {
        return call(jobUri(jobId), Operation.getJobAttributes, List.of(Types.jobUri.of(jobUri(jobId))), null)
                .get(Tag.jobAttributes);
    }

    /**
     * Update-Active-Jobs (§11.3): after a restart, tells the engine what this client believes of
     * its live jobs; returns the engine's state of each job it sees otherwise or that was not
     * listed (job id → state).
     */
    public java.util.Map<Long, JobState> resync(java.util.Map<Long, JobState> believed) throws IOException {
        return resynchronize(believed).differing();
    }

    /**
     * What Update-Active-Jobs answered (§11.3): the engine's state of each job it sees otherwise
     * than the client or that the client did not list, and the listed jobs it does not know.
     */
    public record Resync(java.util.Map<Long, JobState> differing, List<Long> unknown) {}

    /** Update-Active-Jobs (§11.3), with the ids the engine does not know. */
    public Resync resynchronize(java.util.Map<Long, JobState> believed) throws IOException {
        List<Attribute<?>> operation = new ArrayList<>(List.of(Types.systemUri.of(systemUri)));
        if (!believed.isEmpty()) {
            operation.add(Types.jobIds.of(believed.keySet().stream().map(Long::intValue).toList()));
            operation.add(Types.outputDeviceJobStates.of(List.copyOf(believed.values())));
        }
        IppPacket response = call(systemUri, Operation.updateActiveJobs, operation, null);
        AttributeGroup answered = response.get(Tag.operationAttributes);
        java.util.Map<Long, JobState> engine = new java.util.LinkedHashMap<>();
        List<Integer> ids = answered.getValues(Types.jobIds);
        List<JobState> states = answered.getValues(Types.outputDeviceJobStates);
        for (int i = 0; i < ids.size() && i < states.size(); i++) {
            engine.put(ids.get(i).longValue(), states.get(i));
        }
        AttributeGroup unsupported = response.get(Tag.unsupportedAttributes);
        List<Long> unknown = unsupported == null ? List.of()
                : unsupported.getValues(Types.jobIds).stream().map(Integer::longValue).toList();
        return new Resync(engine, unknown);
    }

    /** Get-System-Attributes: the engine's state and its timers (printgate-timeouts). */
    public AttributeGroup system() throws IOException {
        return call(systemUri, Operation.getSystemAttributes, List.of(Types.systemUri.of(systemUri)), null)
                .get(Tag.systemAttributes);
    }

    /** Create-Printer (operators): a new queue for the printer at {@code deviceUri}. */
    public void createPrinter(String name, URI deviceUri, URI snmpUri, int maxJobs, List<String> allowedUsers)
            throws IOException {
        List<Attribute<?>> printer = new ArrayList<>(List.of(Types.printerName.of(name), PrintgateTypes.deviceUri.of(deviceUri),
                PrintgateTypes.maxJobs.of(maxJobs),
                PrintgateTypes.allowedUsers.of(allowedUsers.stream().map(com.hp.jipp.encoding.Name::new).toList())));
        if (snmpUri != null) {
            printer.add(PrintgateTypes.snmpUri.of(snmpUri));
        }
        call(systemUri, Operation.createPrinter, List.of(Types.systemUri.of(systemUri)),
                AttributeGroup.groupOf(Tag.printerAttributes, printer));
    }

    /** Pause-Printer / Resume-Printer / Delete-Printer (operators). */
    public void managePrinter(String queue, Operation operation) throws IOException {
        call(queueUri(queue), operation, List.of(Types.printerUri.of(queueUri(queue))), null);
    }

    /** Get-Printer-Attributes of a queue. */
    public AttributeGroup queue(String queue) throws IOException {
        return call(queueUri(queue), Operation.getPrinterAttributes, List.of(Types.printerUri.of(queueUri(queue))), null)
                .get(Tag.printerAttributes);
    }

    /**
     * Get-Printers (§6.10): the queues {@code user} may print on (null: those of this credential),
     * one group each with {@code printer-name}, {@code printer-uri-supported},
     * {@code printgate-device-uri}, {@code printer-state}, {@code printer-state-reasons},
     * {@code printer-location}, {@code printer-is-accepting-jobs} and {@code queued-job-count}.
     * Fails with {@code client-error-forbidden} for a user this credential may not speak for.
     */
    public List<AttributeGroup> printers(String user) throws IOException {
        List<Attribute<?>> operation = new ArrayList<>(List.of(Types.systemUri.of(systemUri)));
        if (user != null) {
            operation.add(Types.requestingUserName.of(user));
        }
        return call(systemUri, Operation.getPrinters, operation, null).getAttributeGroups().stream()
                .filter(group -> group.getTag().equals(Tag.printerAttributes)).toList();
    }

    /**
     * Get-Printers of the queues the engine's deployment policy shows this workstation and
     * {@code user}, who is in the OS groups {@code userGroups} (§6.10: {@code printgate-deployed}):
     * the groups of {@link #printers}, each with {@code printer-config-change-time}.
     */
    public List<AttributeGroup> deployedPrinters(String user, List<String> userGroups) throws IOException {
        List<Attribute<?>> operation = new ArrayList<>(List.of(Types.systemUri.of(systemUri), Types.requestingUserName.of(user),
                PrintgateTypes.deployed.of(true)));
        if (!userGroups.isEmpty()) {
            operation.add(PrintgateTypes.userGroups.of(userGroups.stream().map(com.hp.jipp.encoding.Name::new).toList()));
        }
        return call(systemUri, Operation.getPrinters, operation, null).getAttributeGroups().stream()
                .filter(group -> group.getTag().equals(Tag.printerAttributes)).toList();
    }

    /**
     * Get-Printer-Attributes of one queue for {@code user} (in the OS groups {@code userGroups}),
     * only the attributes named, and {@code printgate-deployed}: whether the deployment policy
     * shows it to them (§6.10). Fails with {@code client-error-not-found} for a queue that does not
     * exist and {@code client-error-not-authorized} for one the user may not use.
     */
    public AttributeGroup queueFor(String queue, String user, List<String> userGroups, List<String> requestedAttributes)
            throws IOException {
        List<Attribute<?>> operation = new ArrayList<>(List.of(Types.printerUri.of(queueUri(queue)),
                Types.requestingUserName.of(user), Types.requestedAttributes.of(requestedAttributes)));
        if (!userGroups.isEmpty()) {
            operation.add(PrintgateTypes.userGroups.of(userGroups.stream().map(com.hp.jipp.encoding.Name::new).toList()));
        }
        return call(queueUri(queue), Operation.getPrinterAttributes, operation, null).get(Tag.printerAttributes);
    }

    /**
     * Get-Printer-Attributes of a queue, only the attributes named (e.g. the device's
     * capabilities: {@code document-format-supported}, {@code media-col-database}, ...).
     */
    public AttributeGroup queue(String queue, List<String> requestedAttributes) throws IOException {
        return queue(queue, requestedAttributes, REQUEST_TIMEOUT);
    }

    /** {@link #queue(String, List)}, waiting at most {@code timeout} for the answer. */
    public AttributeGroup queue(String queue, List<String> requestedAttributes, Duration timeout) throws IOException {
        return call(timeout, queueUri(queue), Operation.getPrinterAttributes, List.of(Types.printerUri.of(queueUri(queue)),
                Types.requestedAttributes.of(requestedAttributes)), null).get(Tag.printerAttributes);
    }

    private static TicketException.Upgrade upgradeOf(AttributeGroup operation) {
        if (operation == null || operation.get(PrintgateTypes.upgrade.getName()) == null) {
            return null;
        }
        List<Attribute<?>> members = operation.getValue(PrintgateTypes.upgrade).getAttributes();
        AttributeGroup m = AttributeGroup.groupOf(Tag.operationAttributes, members);
        return new TicketException.Upgrade(m.getValue(PrintgateTypes.upgradeComponent),
                m.getValue(PrintgateTypes.upgradeVersion) == null ? "" : m.getValue(PrintgateTypes.upgradeVersion).getValue(),
                m.getValue(PrintgateTypes.upgradeUri), m.getValue(PrintgateTypes.upgradeSha256));
    }

    private static TicketStatus ticketOf(IppPacket response) {
        AttributeGroup job = response.get(Tag.jobAttributes);
        Integer ahead = job.getValue(Types.numberOfInterveningJobs);
        return new TicketStatus(job.getValue(Types.jobId), job.getValue(Types.jobUri), job.getValue(Types.jobState),
                job.getValues(Types.jobStateReasons), ahead == null ? -1 : ahead);
    }

    private IppPacket call(URI target, Operation operation, List<Attribute<?>> attributes, AttributeGroup extra)
            throws IOException {
        return call(REQUEST_TIMEOUT, target, operation, attributes, extra);
    }

    private IppPacket call(Duration timeout, URI target, Operation operation, List<Attribute<?>> attributes,
                           AttributeGroup extra) throws IOException {
        return await(target, callAsync(target, operation, attributes, extra), timeout);
    }

    /** Sends a request; an error status fails the future with a {@link TicketException}. */
    private CompletableFuture<IppPacket> callAsync(URI target, Operation operation, List<Attribute<?>> attributes,
                                                   AttributeGroup extra) {
        return sendPacket(target, packet(operation, attributes, extra));
    }

    /** A request with this client's next request-id. */
    private IppPacket packet(Operation operation, List<Attribute<?>> attributes, AttributeGroup extra) {
        List<Attribute<?>> op = new ArrayList<>(List.of(Types.attributesCharset.of(ExtraTypes.charsetUtf8),
                Types.attributesNaturalLanguage.of("en")));
        op.addAll(attributes);
        List<AttributeGroup> groups = new ArrayList<>(List.of(AttributeGroup.groupOf(Tag.operationAttributes, op)));
        if (extra != null) {
            groups.add(extra);
        }
        return new IppPacket(0x0200, operation.getCode(), requestIds.getAndIncrement(), groups);
    }

    /** Sends a request as it is; an error status fails the future with a {@link TicketException}. */
    private CompletableFuture<IppPacket> sendPacket(URI target, IppPacket request) {
        CompletableFuture<IppPacket> sent = transport.sendAsync(target, request, authorization);
        return cancelling(sent.thenApply(response -> {
                    if (response.getStatus().getCode() >= 0x0400) {
                        String message = response.getString(Tag.operationAttributes, Types.statusMessage);
                        AttributeGroup answered = response.get(Tag.operationAttributes);
                        List<URI> elsewhere = answered == null ? List.of() : answered.getValues(PrintgateTypes.allowedPrinters);
                        throw new CompletionException(new TicketException(response.getStatus(), message == null ? "" : message,
                                elsewhere, upgradeOf(answered)));
                    }
                    return response;
                }), sent);
    }

    /** {@code derived}, whose cancellation (a caller that stopped waiting) also cancels {@code source}'s request. */
    private static <T> CompletableFuture<T> cancelling(CompletableFuture<T> derived, CompletableFuture<?> source) {
        derived.whenComplete((value, failure) -> {
            if (derived.isCancelled()) {
                source.cancel(false);
            }
        });
        return derived;
    }

    /**
     * Waits for an answer as {@link IppClient#await} does (bounded; the request is cancelled
     * when the wait ends), except that an unchecked exception from reading the answer (a broken
     * answer, a cancelled stream) reaches the caller as it is, not as an I/O failure: as when
     * the calls were blocking, a caller that retries on I/O failures does not retry on those.
     */
    private static <T> T await(URI target, CompletableFuture<T> answer, Duration timeout) throws IOException {
        try {
            return IppClient.await(target, answer, timeout);
        } catch (IOException e) {
            if (e.getCause() instanceof RuntimeException unexpected && answer.isCompletedExceptionally()) {
                throw unexpected;
            }
            throw e;
        }
    }

    /** The cause of a failed future's exception, as a checked I/O exception where it is one. */
    private static IOException failure(Throwable thrown) {
        Throwable cause = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        return cause instanceof IOException io ? io : new IOException(cause);
    }
}
