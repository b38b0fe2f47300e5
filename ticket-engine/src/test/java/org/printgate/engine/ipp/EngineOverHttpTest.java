package org.printgate.engine.ipp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.printgate.engine.ipp.Refusals.assertRefused;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.ClientInfo;
import com.hp.jipp.model.ClientType;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.engine.auth.Authenticator;
import org.printgate.engine.config.EngineConfig;
import org.printgate.engine.config.EngineYaml;
import org.printgate.ipp.IppAuthenticationException;
import org.printgate.ipp.IppClient;
import org.printgate.protocol.PrintgateTypes;
import org.printgate.protocol.client.TicketClient.Notification;
import org.printgate.protocol.client.TicketClient;
import org.printgate.protocol.client.TicketException;
import org.printgate.testing.Await;
import org.printgate.testing.MutableClock;

/** The engine over real HTTP, through the Java client library the spooler uses. */
class EngineOverHttpTest {
    static final String ANN_TOKEN = "ann-workstation-token";
    static final String BOB_TOKEN = "bob-workstation-token";
    static final String SPOOLER_SHA256 = "aa".repeat(32);

    private final MutableClock clock = new MutableClock();
    @RegisterExtension
    final EngineUnderTest engine = new EngineUnderTest(EngineOverHttpTest::config, clock);
    private TicketClient ann;
    private TicketClient bob;

    static EngineConfig config() throws Exception {
        return EngineYaml.onLoopback("""
                printers:
                  # Raw devices without SNMP are not watched: these queues stay up whatever
                  # is (not) listening there, so the tests below are about tickets alone.
                  - name: office
                    device-uri: socket://127.0.0.1:9
                    max-jobs: 1
                  - name: finance
                    device-uri: socket://127.0.0.1:9
                    allowed-users: ["*@finance"]
                  - name: lobby
                    device-uri: socket://127.0.0.1:19
                credentials:
                  - {name: ws-ann, role: spooler, token-sha256: %s, identities: ["*@corp"]}
                  - {name: ws-bob, role: spooler, token-sha256: %s, identities: ["bob@corp"]}
                  - {name: admin, role: operator, password-sha256: %s, identities: ["*"]}
                client-policy:
                  minimum-version: "0.1.0"
                  download-uri: https://updates.example/printgate-spooler-0.1.0.deb
                  sha256: "%s"
                  denied:
                    - {component: driver, name: BadDriver, version: "2.0", upgrade-to: "2.1", uri: https://updates.example/baddriver-2.1}
                """.formatted(Authenticator.sha256Hex(ANN_TOKEN), Authenticator.sha256Hex(BOB_TOKEN),
                Authenticator.sha256Hex("secret"), SPOOLER_SHA256));
    }

    /** {@code user}'s job "a" on office, granted (office is free) and confirmed: office is busy printing it. */
    static TicketClient.TicketStatus printingOnOffice(TicketClient client, String user) throws Exception {
        TicketClient.TicketStatus printing = client.requestTicket("office", user, "a", 50, 10, 1);
        client.confirm(printing.jobId());
        return printing;
    }

    @BeforeEach
    void connect() {
        ann = TicketClient.withToken(engine.systemUri(), ANN_TOKEN);
        bob = TicketClient.withToken(engine.systemUri(), BOB_TOKEN);
    }


    @Test
    void speaksHttp2ByAnUpgradeOnAPostWithItsBody() throws Exception {
        // What the JDK client does in clear text: HTTP/1.1 POST with Upgrade: h2c, then HTTP/2 (RFC 7540 §3.2).
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        IppPacket request = new IppPacket(0x0200,
                Operation.getSystemAttributes.getCode(), 7,
                AttributeGroup.groupOf(Tag.operationAttributes,
                        Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"),
                        Types.systemUri.of(engine.systemUri())));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        request.write(body);
        URI http2 = IppClient.httpUri(engine.systemUri());
        for (int i = 0; i < 2; i++) {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(http2)
                    .header("Content-Type", "application/ipp").header("Authorization", "Bearer " + ANN_TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(answer.version()).as("exchange %d", i).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(IppPacket.read(new ByteArrayInputStream(answer.body())).getStatus())
                    .isEqualTo(Status.successfulOk);
        }
    }

    @Test
    void runsATicketsWholeLifeOverIpp() throws Exception {
        int subscription = ann.subscribe();
        TicketClient.TicketStatus ticket = ann.requestTicket("office", "ann@corp", "report.pdf", 50, -1, -1);
        assertThat(ticket.state()).isEqualTo(JobState.pendingHeld);
        assertThat(ticket.reasons()).containsExactly("job-incoming");
        assertThat(ann.details(ticket.jobId(), 300, 12).state()).isEqualTo(JobState.pending);

        List<Notification> events = ann.poll(subscription, 1, true);
        assertThat(events).singleElement().satisfies(goAhead -> {
            assertThat(goAhead.isGoAhead()).isTrue();
            assertThat(goAhead.jobId()).isEqualTo(ticket.jobId());
            assertThat(goAhead.deviceUri()).isEqualTo(URI.create("socket://127.0.0.1:9"));
            assertThat(goAhead.leaseSeconds()).isEqualTo(10);
        });
        // Polling past the go-ahead confirms it (§6.6).
        assertThat(ann.poll(subscription, events.get(0).sequence() + 1, false)).isEmpty();
        assertThat(ann.job(ticket.jobId()).getValue(Types.jobState)).isEqualTo(JobState.processing);

        ann.heartbeat(ticket.jobId(), 5);
        ann.report(ticket.jobId(), JobState.completed, 12, List.of(), "");
        assertThat(ann.job(ticket.jobId()).getValue(Types.jobState)).isEqualTo(JobState.completed);
        assertThat(ann.job(ticket.jobId()).getValue(Types.jobImpressionsCompleted)).isEqualTo(12);
        assertThat(engine.get().store().accounting()).extracting(t -> t.jobId()).contains(ticket.jobId());
    }

    @Test
    void aParkedLongPollWakesWhenCapacityFrees() throws Exception {
        ann.subscribe();
        int bobs = bob.subscribe();
        TicketClient.TicketStatus first = printingOnOffice(ann, "ann@corp");
        TicketClient.TicketStatus second = bob.requestTicket("office", "bob@corp", "b", 50, 10, 1);
        assertThat(second.state()).isEqualTo(JobState.pending);
        CompletableFuture<List<Notification>> parked = CompletableFuture.supplyAsync(() -> {
            try {
                return bob.poll(bobs, 1, true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(parked).isNotDone();
        ann.report(first.jobId(), JobState.completed, 1, List.of(), "");
        List<Notification> woken = parked.get(20, TimeUnit.SECONDS);
        assertThat(woken).extracting(Notification::jobId).containsExactly(second.jobId());
    }

    @Test
    void aResumesPrinterEventAndTheGoAheadItAllowsComeInOneAnswer() throws Exception {
        TicketClient admin = TicketClient.withPassword(engine.systemUri(), "admin", "secret");
        admin.managePrinter("office", Operation.pausePrinter);
        int subscription = ann.subscribe();
        TicketClient.TicketStatus ticket = ann.requestTicket("office", "ann@corp", "a", 50, 10, 1);
        assertThat(ticket.state()).isEqualTo(JobState.pending);
        int next = ann.poll(subscription, 1, false).stream().mapToInt(Notification::sequence).max().orElse(0) + 1;
        CompletableFuture<List<Notification>> parked = CompletableFuture.supplyAsync(() -> {
            try {
                return ann.poll(subscription, next, true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until("the poll to park", () -> engine.get().events().isParked(subscription));
        admin.managePrinter("office", Operation.resumePrinter);
        // One at a time, the parked poll would take the printer event alone and the go-ahead would wait for the next poll.
        assertThat(parked.get(20, TimeUnit.SECONDS)).satisfiesExactlyInAnyOrder(
                printer -> assertThat(printer.isPrinterChange()).isTrue(),
                goAhead -> assertThat(goAhead.isGoAhead() && goAhead.jobId() == ticket.jobId()).isTrue());
    }

    @Test
    void takesBackAGoAheadThatIsNeverConfirmed() throws Exception {
        TicketClient.TicketStatus first = ann.requestTicket("office", "ann@corp", "a", 50, 10, 1);
        TicketClient.TicketStatus second = bob.requestTicket("office", "bob@corp", "b", 50, 10, 1);
        clock.advance(Duration.ofSeconds(11));
        engine.get().tick();
        assertThat(bob.job(second.jobId()).getValue(Types.jobStateReasons)).isEqualTo("job-fetchable");
        // Ann comes back late: her confirm is refused, and her ticket goes back in line behind nobody.
        assertRefused(Status.clientErrorNotFetchable, () -> ann.confirm(first.jobId()));
        assertThat(ann.job(first.jobId()).getValue(Types.jobState)).isEqualTo(JobState.pending);
    }

    @Test
    void failsASilentJobAndGrantsTheNext() throws Exception {
        TicketClient.TicketStatus first = printingOnOffice(ann, "ann@corp");
        TicketClient.TicketStatus second = bob.requestTicket("office", "bob@corp", "b", 50, 10, 1);
        clock.advance(Duration.ofSeconds(46));
        engine.get().tick();
        assertThat(ann.job(first.jobId()).getValue(Types.jobState)).isEqualTo(JobState.processingStopped);
        clock.advance(Duration.ofSeconds(121));
        engine.get().tick();
        assertThat(ann.job(first.jobId()).getValue(Types.jobState)).isEqualTo(JobState.aborted);
        assertThat(bob.job(second.jobId()).getValue(Types.jobState)).isEqualTo(JobState.pending);
        assertThat(bob.job(second.jobId()).getValue(Types.jobStateReasons)).isEqualTo("job-fetchable");
    }

    @Test
    void refusesAUserNotAllowedOnTheQueueAndSaysWhereElse() {
        assertThatThrownBy(() -> ann.requestTicket("finance", "ann@corp", "a", 50, 10, 1))
                .isInstanceOf(TicketException.class)
                .satisfies(e -> {
                    TicketException refused = (TicketException) e;
                    assertThat(refused.status()).isEqualTo(Status.clientErrorNotAuthorized);
                    assertThat(refused.allowedPrinters()).extracting(URI::getPath)
                            .containsExactly("/ipp/print/lobby", "/ipp/print/office");
                });
    }

    @Test
    void refusesUnknownQueuesAndIdentitiesTheCredentialMayNotUse() {
        assertRefused(Status.clientErrorNotFound, () -> ann.requestTicket("nowhere", "ann@corp", "a", 50, 10, 1));
        assertRefused(Status.clientErrorForbidden, () -> bob.requestTicket("office", "ann@corp", "a", 50, 10, 1));
    }

    @Test
    void aHeartbeatIsAnsweredWithTheJobOnlyWhenTheEngineWantsTheClientToStop() throws Exception {
        int subscription = ann.subscribe();
        TicketClient.TicketStatus ticket = ann.requestTicket("office", "ann@corp", "long.pdf", 50, 300, 40);
        List<Notification> events = ann.poll(subscription, 1, true);
        assertThat(events).anySatisfy(n -> assertThat(n.isGoAhead()).isTrue());
        ann.poll(subscription, events.get(events.size() - 1).sequence() + 1, false);
        assertThat(ann.heartbeat(ticket.jobId(), 3)).isEmpty();

        // An operator interrupts (fig. 5); a client that missed the event hears it in the answer.
        TicketClient.withPassword(engine.systemUri(), "admin", "secret").cancel(ticket.jobId());
        assertThat(ann.heartbeat(ticket.jobId(), 4)).hasValueSatisfying(stop -> {
            assertThat(stop.jobId()).isEqualTo(ticket.jobId());
            assertThat(stop.reasons()).contains("processing-to-stop-point");
        });
        assertThat(ann.report(ticket.jobId(), JobState.canceled, 4, List.of(), "")).isEmpty();
        assertThat(ann.job(ticket.jobId()).getValue(Types.jobState)).isEqualTo(JobState.canceled);
    }

    @Test
    void aUserSeesAndChangesOnlyTheirOwnJobsButAnOperatorAll() throws Exception {
        TicketClient.TicketStatus anns = ann.requestTicket("lobby", "ann@corp", "a", 50, -1, -1);
        assertRefused(Status.clientErrorNotFound, () -> bob.job(anns.jobId()));
        assertRefused(Status.clientErrorNotFound, () -> bob.cancel(anns.jobId()));
        TicketClient admin = TicketClient.withPassword(engine.systemUri(), "admin", "secret");
        admin.cancel(anns.jobId());
        assertThat(ann.job(anns.jobId()).getValue(Types.jobState)).isEqualTo(JobState.canceled);
    }

    @Test
    void refusesMissingOrWrongCredentials() {
        TicketClient stranger = TicketClient.withToken(engine.systemUri(), "guessed-token");
        assertThatThrownBy(stranger::subscribe).isInstanceOf(IppAuthenticationException.class);
        TicketClient wrongPassword = TicketClient.withPassword(engine.systemUri(), "admin", "nope");
        assertThatThrownBy(() -> wrongPassword.queue("office")).isInstanceOf(IppAuthenticationException.class);
    }

    @Test
    void keepsEveryTicketAcrossARestart() throws Exception {
        TicketClient.TicketStatus granted = ann.requestTicket("office", "ann@corp", "a", 50, 10, 1);
        TicketClient.TicketStatus queued = bob.requestTicket("office", "bob@corp", "b", 50, 10, 1);
        TicketClient.TicketStatus incoming = ann.requestTicket("lobby", "ann@corp", "c", 50, -1, -1);
        engine.restart();
        ann = TicketClient.withToken(engine.systemUri(), ANN_TOKEN);
        bob = TicketClient.withToken(engine.systemUri(), BOB_TOKEN);
        int subscription = ann.subscribe();
        // The go-ahead that was never confirmed comes again on the new subscription.
        assertThat(ann.poll(subscription, 1, false)).extracting(Notification::jobId).containsExactly(granted.jobId());
        assertThat(bob.job(queued.jobId()).getValue(Types.jobState)).isEqualTo(JobState.pending);
        assertThat(ann.job(incoming.jobId()).getValue(Types.jobStateReasons)).isEqualTo("job-incoming");
        TicketClient.TicketStatus next = ann.requestTicket("lobby", "ann@corp", "d", 50, -1, -1);
        assertThat(next.jobId()).as("job ids are never reused").isGreaterThan(incoming.jobId());
    }

    @Test
    void tellsAClientThatIsTooOldWhereToGetTheNewOne() {
        ann.describing(List.of(new ClientInfo("printgate-spooler", null, "0.0.9", ClientType.application, null)));
        assertThatThrownBy(() -> ann.requestTicket("office", "ann@corp", "a", 50, 10, 1))
                .isInstanceOf(TicketException.class)
                .satisfies(e -> {
                    TicketException refused = (TicketException) e;
                    assertThat(refused.status().getCode()).isEqualTo(0x0480);
                    TicketException.Upgrade upgrade = refused.upgrade().orElseThrow();
                    assertThat(upgrade.component()).isEqualTo("application");
                    assertThat(upgrade.version()).isEqualTo("0.1.0");
                    assertThat(upgrade.uri()).hasToString("https://updates.example/printgate-spooler-0.1.0.deb");
                    assertThat(java.util.HexFormat.of().formatHex(upgrade.sha256())).isEqualTo(SPOOLER_SHA256);
                });
    }

    @Test
    void refusesADriverOnTheDenyListEvenWhenTheClientStopsSendingIt() throws Exception {
        List<ClientInfo> withBadDriver = new java.util.ArrayList<>(TicketClient.defaultClientInfo());
        withBadDriver.add(new ClientInfo("BadDriver", null, "2.0", ClientType.driver, null));
        ann.describing(withBadDriver);
        assertThatThrownBy(() -> ann.requestTicket("office", "ann@corp", "a", 50, 10, 1))
                .satisfies(e -> assertThat(((TicketException) e).upgrade().orElseThrow().version()).isEqualTo("2.1"));
        // Omitting client-info does not help: the last one sent is kept and checked (§6.3).
        ann.describing(List.of());
        assertThatThrownBy(() -> ann.requestTicket("office", "ann@corp", "a", 50, 10, 1))
                .satisfies(e -> assertThat(((TicketException) e).status().getCode()).isEqualTo(0x0480));
    }

    @Test
    void aSpoolerThatNeverSaidWhatItIsGetsBadRequest() {
        ann.describing(List.of());
        assertRefused(Status.clientErrorBadRequest, () -> ann.requestTicket("office", "ann@corp", "a", 50, 10, 1));
    }

    @Test
    void tellsWaitingClientsWhenTheirPrinterStopsAndLetsThemMoveKeepingTheirPlace() throws Exception {
        int subscription = bob.subscribe();
        TicketClient.TicketStatus printing = printingOnOffice(ann, "ann@corp");
        TicketClient.TicketStatus waiting = bob.requestTicket("office", "bob@corp", "b", 50, 10, 1);
        engine.get().apply(() -> engine.get().book().setPrinterUp("office", false, List.of("media-jam-error"), "Paper jam"));
        List<Notification> told = bob.poll(subscription, 1, false);
        assertThat(told).singleElement().satisfies(n -> {
            assertThat(n.isPrinterChange()).isTrue();
            assertThat(n.reasons()).containsExactly("media-jam-error");
            assertThat(n.printerUri().getPath()).isEqualTo("/ipp/print/office");
        });
        // A later ticket already waits on the lobby printer; the moved one keeps its age and goes first.
        TicketClient.TicketStatus lobbyFull = ann.requestTicket("lobby", "ann@corp", "hold", 50, 10, 1);
        ann.confirm(lobbyFull.jobId());
        TicketClient.TicketStatus later = ann.requestTicket("lobby", "ann@corp", "later", 50, 10, 1);
        TicketClient.TicketStatus moved = bob.move(waiting.jobId(), "lobby");
        assertThat(moved.jobId()).isEqualTo(waiting.jobId());
        ann.report(lobbyFull.jobId(), JobState.completed, 1, List.of(), "");
        assertThat(bob.job(waiting.jobId()).getValue(Types.jobStateReasons)).isEqualTo("job-fetchable");
        assertThat(ann.job(later.jobId()).getValue(Types.jobState)).isEqualTo(JobState.pending);
        assertThat(ann.job(later.jobId()).getValue(Types.jobStateReasons)).isEqualTo("none");
    }

    @Test
    void refusesToMoveAJobToAStoppedOrForbiddenPrinter() throws Exception {
        TicketClient.TicketStatus ticket = ann.requestTicket("lobby", "ann@corp", "a", 50, -1, -1);
        assertRefused(Status.clientErrorNotAuthorized, () -> ann.move(ticket.jobId(), "finance"));
        engine.get().apply(() -> engine.get().book().setPrinterUp("office", false, List.of("offline-error"), "offline"));
        assertRefused(Status.clientErrorNotPossible, () -> ann.move(ticket.jobId(), "office"));
        assertThat(ann.job(ticket.jobId()).getValue(Types.jobPrinterUri).getPath()).isEqualTo("/ipp/print/lobby");
    }

    @Test
    void publishesItsTimersForTheSpooler() throws Exception {
        var timeouts = ann.system().getValue(PrintgateTypes.timeouts).getAttributes();
        assertThat(timeouts).extracting(a -> a.getName() + "=" + a.get(0))
                .containsExactly("confirm=10", "stall=45", "fail=120", "poll-hold=55", "subscription-lease=300");
    }

    @Test
    void operatorsCreatePauseResumeAndDeletePrintersAtRunTime() throws Exception {
        TicketClient admin = TicketClient.withPassword(engine.systemUri(), "admin", "secret");
        TicketClient anns = ann;
        assertRefused(Status.clientErrorForbidden, () -> anns.createPrinter("new", URI.create("socket://127.0.0.1:9"), null, 1, List.of("*")));
        admin.createPrinter("annex", URI.create("socket://127.0.0.1:9"), null, 1, List.of("*@corp"));
        int subscription = ann.subscribe();
        admin.managePrinter("annex", Operation.pausePrinter);
        TicketClient.TicketStatus ticket = ann.requestTicket("annex", "ann@corp", "a", 50, 10, 1);
        assertThat(ticket.state()).isEqualTo(JobState.pending);
        assertThat(ann.queue("annex").getValue(Types.printerState)).isEqualTo(com.hp.jipp.model.PrinterState.stopped);
        admin.managePrinter("annex", Operation.resumePrinter);
        assertThat(ann.poll(subscription, 1, false)).anySatisfy(n -> assertThat(n.isGoAhead()).isTrue());
        TicketClient before = admin;
        assertRefused(Status.clientErrorNotPossible, () -> before.managePrinter("annex", Operation.deletePrinter));
        ann.cancel(ticket.jobId());
        ann.report(ticket.jobId(), JobState.canceled, 0, List.of(), "");
        // The queue made at run time survives a restart; then it can be deleted.
        engine.restart();
        admin = TicketClient.withPassword(engine.systemUri(), "admin", "secret");
        assertThat(admin.queue("annex").getValue(Types.printerName).getValue()).isEqualTo("annex");
        admin.managePrinter("annex", Operation.deletePrinter);
        TicketClient adminAfter = admin;
        assertRefused(Status.clientErrorNotFound, () -> adminAfter.queue("annex"));
    }

    @Test
    void resynchronisesARestartedClientWithUpdateActiveJobs() throws Exception {
        TicketClient.TicketStatus granted = ann.requestTicket("office", "ann@corp", "a", 50, 10, 1);
        TicketClient.TicketStatus incoming = ann.requestTicket("lobby", "ann@corp", "b", 50, -1, -1);
        TicketClient.TicketStatus canceled = ann.requestTicket("lobby", "ann@corp", "c", 50, -1, -1);
        ann.cancel(canceled.jobId());
        // The client believes the first is still pending, the third still incoming, and forgot the second.
        java.util.Map<Long, JobState> believed = new java.util.LinkedHashMap<>();
        believed.put(granted.jobId(), JobState.pending);
        believed.put(canceled.jobId(), JobState.pendingHeld);
        java.util.Map<Long, JobState> engineView = ann.resync(believed);
        assertThat(engineView).containsEntry(canceled.jobId(), JobState.canceled)
                .containsEntry(incoming.jobId(), JobState.pendingHeld)
                .doesNotContainKey(granted.jobId());
    }

    @Test
    void sendsClientInfoOnceAndAgainWhenARestartedEngineForgotIt() throws Exception {
        ann.requestTicket("lobby", "ann@corp", "first", 50, -1, -1);
        // The second request leaves client-info out (the engine kept it): still accepted.
        ann.requestTicket("lobby", "ann@corp", "second", 50, -1, -1);
        engine.restart();
        // A client that told this engine what it is...
        TicketClient sameKind = TicketClient.withToken(engine.systemUri(), ANN_TOKEN);
        sameKind.requestTicket("lobby", "ann@corp", "primed", 50, -1, -1);
        // ...then meets it restarted on the same port: the engine forgot, the client says it again.
        engine.restartOnTheSamePort();
        assertThat(sameKind.requestTicket("lobby", "ann@corp", "after restart", 50, -1, -1).state())
                .isEqualTo(JobState.pendingHeld);
    }
}
