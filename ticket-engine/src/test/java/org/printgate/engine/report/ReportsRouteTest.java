package org.printgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.Undertow;
import io.undertow.server.handlers.PathHandler;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.printgate.engine.Engine;
import org.printgate.engine.auth.Authenticator;
import org.printgate.engine.config.EngineConfig;
import org.printgate.engine.config.EngineYaml;
import org.printgate.engine.store.AccountingDimension;
import org.printgate.engine.store.AccountingStore;
import org.printgate.engine.store.DayTotal;
import org.printgate.engine.ticket.EndedTickets;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketState;
import org.printgate.testing.MutableClock;
import org.printgate.testing.peers.WorkDirectory;

/** {@code /reports} on the engine's port: who may read it, what it refuses, and a CSV export streamed. */
class ReportsRouteTest {
    static final String OPERATOR = "Basic " + Base64.getEncoder().encodeToString("admin:secret".getBytes(StandardCharsets.UTF_8));
    static final String SPOOLER = "Bearer ws-token";
    static final String AUDITOR = "Bearer audit-token";
    /** 2026-12-01T00:00Z, and the day after MutableClock's start. */
    static final long DECEMBER = java.time.Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();

    private final MutableClock clock = new MutableClock();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Path data;
    private Engine engine;

    static EngineConfig config() throws Exception {
        return EngineYaml.onLoopback("""
                printers:
                  - {name: office, device-uri: "socket://127.0.0.1:9"}
                credentials:
                  - {name: ws1, role: spooler, token-sha256: %s, identities: ["*@corp"]}
                  - {name: admin, role: operator, password-sha256: %s, identities: ["*"]}
                  - {name: audit, role: auditor, token-sha256: %s, identities: []}
                """.formatted(Authenticator.sha256Hex("ws-token"), Authenticator.sha256Hex("secret"),
                Authenticator.sha256Hex("audit-token")));
    }

    @BeforeEach
    void start() throws Exception {
        data = WorkDirectory.create("engine");
        engine = Engine.start(config(), clock, data);
    }

    @AfterEach
    void stop() {
        try {
            engine.close();
        } finally {
            WorkDirectory.delete(data);
        }
    }

    private HttpResponse<String> get(String pathAndQuery, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port() + pathAndQuery));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code count} jobs that ended in December 2026, stored in commits of 10,000 as the book stores them. */
    private void endedJobs(int count) {
        List<Ticket> batch = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            long ended = DECEMBER + (i % 31) * 86_400_000L + i;
            batch.add(EndedTickets.ended(i, "office", "user" + i % 100 + "@corp", "job " + i, TicketState.COMPLETED, 2, 2,
                    ended - 1000, ended));
            if (batch.size() == 10_000 || i == count) {
                engine.store().commit(EndedTickets.changeOf(batch), i + 1L).join();
                batch.clear();
            }
        }
    }

    @Test
    void withoutCredentialsOrWithASpoolersTheReportIsRefused() throws Exception {
        String path = "/reports/accounting?by=user&from=2026-12-01&to=2026-12-31";
        HttpResponse<String> none = get(path, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("Basic"));
        assertThat(get(path, "Basic " + Base64.getEncoder().encodeToString("admin:wrong".getBytes(StandardCharsets.UTF_8)))
                .statusCode()).isEqualTo(401);
        assertThat(get("/reports/accounting/rows.csv?from=2026-12-01&to=2026-12-31", null).statusCode()).isEqualTo(401);
        HttpResponse<String> spooler = get(path, SPOOLER);
        assertThat(spooler.statusCode()).isEqualTo(403);
        assertThat(spooler.body()).contains("operators and auditors");
        assertThat(get(path, AUDITOR).statusCode()).isEqualTo(200);
    }

    @Test
    void badParametersAreRefusedWithTheReason() throws Exception {
        assertThat(get("/reports/accounting?by=user&from=2026-13-01&to=2026-12-31", OPERATOR))
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(400))
                .satisfies(r -> assertThat(r.body()).contains("from must be a date as YYYY-MM-DD, not 2026-13-01"));
        assertThat(get("/reports/accounting?by=user&from=2026-12-31&to=2026-12-01", OPERATOR).body())
                .contains("from (2026-12-31) is after to (2026-12-01)");
        assertThat(get("/reports/accounting?by=queue&from=2026-12-01&to=2026-12-31", OPERATOR).body())
                .contains("by must be one of user, domain, printer, day, week, month");
        assertThat(get("/reports/accounting?from=2026-12-01&to=2026-12-31", OPERATOR).body()).contains("by is missing");
        assertThat(get("/reports/accounting?by=day&from=2026-12-01&to=2026-12-31&format=xml", OPERATOR).statusCode())
                .isEqualTo(400);
        assertThat(get("/reports/accounting/rows.csv?from=2026-12-01", OPERATOR).body()).contains("to is missing");
        assertThat(get("/reports/nothing", OPERATOR).statusCode()).isEqualTo(404);
    }

    @Test
    void aReportComesAsJsonOrCsv() throws Exception {
        endedJobs(310);
        HttpResponse<String> json = get("/reports/accounting?by=printer&from=2026-12-01&to=2026-12-31", OPERATOR);
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).contains("\"by\":\"printer\"", "\"zone\":\"UTC\"", "{\"key\":\"office\",\"jobs\":310,\"pages\":620}");
        HttpResponse<String> csv = get("/reports/accounting?by=day&from=2026-12-01&to=2026-12-02&format=csv", OPERATOR);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(Csv.parse(csv.body())).containsExactly(List.of("day", "jobs", "pages"),
                List.of("2026-12-01", "10", "20"), List.of("2026-12-02", "10", "20"));
    }

    @Test
    void aHundredThousandRowsComeChunkedAndWhole() throws Exception {
        endedJobs(100_000);
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port()
                + "/reports/accounting/rows.csv?from=2026-12-01&to=2026-12-31")).header("Authorization", OPERATOR).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(response.headers().firstValue("Content-Length")).isEmpty();
        long lines = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            while (reader.readLine() != null) {
                lines++;
            }
        }
        assertThat(lines).isEqualTo(100_001);
        // The totals were kept as the rows were written.
        assertThat(engine.accounting().accountingTotals(AccountingDimension.USER, LocalDate.parse("2026-12-01"),
                LocalDate.parse("2026-12-31")).stream().mapToLong(DayTotal::jobs).sum()).isEqualTo(100_000);
    }

    /**
     * The export's first rows reach the client while the store is still handing out rows: the
     * store below holds its 1,001st row until the client has read a row, for at most 30 s. An
     * export collected before it is sent would make the client wait those 30 s, and fail.
     */
    @Test
    void theCsvReachesTheClientBeforeTheLastRowIsRead() throws Exception {
        endedJobs(20_000);
        CountDownLatch clientReadARow = new CountDownLatch(1);
        AtomicLong handedOut = new AtomicLong();
        AtomicLong handedOutWhenClientRead = new AtomicLong(-1);
        AccountingStore real = engine.accounting();
        AccountingStore gated = new AccountingStore() {
            @Override
            public ZoneId accountingZone() {
                return real.accountingZone();
            }

            @Override
            public List<DayTotal> accountingTotals(AccountingDimension by, LocalDate from, LocalDate to) {
                return real.accountingTotals(by, from, to);
            }

            @Override
            public void forEachAccountingRow(long fromMillis, long toMillis, Consumer<Ticket> row) {
                real.forEachAccountingRow(fromMillis, toMillis, ticket -> {
                    if (handedOut.incrementAndGet() == 1_001) {
                        try {
                            clientReadARow.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    row.accept(ticket);
                });
            }

            @Override
            public CompletableFuture<Integer> pruneAccounting(long endedBeforeMillis, int maxRows) {
                return real.pruneAccounting(endedBeforeMillis, maxRows);
            }
        };
        Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setHandler(new PathHandler().addPrefixPath("/reports", new ReportsRoute(gated, new ReportAccess(engine.authenticator()))))
                .build();
        server.start();
        try {
            int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/reports/accounting/rows.csv?from=2026-12-01&to=2026-12-31")).header("Authorization", OPERATOR).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long lines = 0;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                reader.readLine();
                assertThat(reader.readLine()).contains(",2026-12-01T");
                handedOutWhenClientRead.set(handedOut.get());
                clientReadARow.countDown();
                lines = 2;
                while (reader.readLine() != null) {
                    lines++;
                }
            }
            assertThat(handedOutWhenClientRead.get()).as("rows the store had handed out when the client read the first")
                    .isLessThanOrEqualTo(1_001);
            assertThat(lines).isEqualTo(20_001);
        } finally {
            server.stop();
        }
    }

    @Test
    void retentionPrunesOldRawRowsAndTheReportStillCountsThem() throws Exception {
        endedJobs(62);
        // 400 days after December 2026 and a little more: every row is older than the retention.
        clock.advance(java.time.Duration.ofDays(400 + 50));
        assertThat(engine.retention().pruneNow()).isEqualTo(62);
        assertThat(engine.store().accounting()).isEmpty();
        assertThat(Csv.parse(get("/reports/accounting/rows.csv?from=2026-12-01&to=2026-12-31", OPERATOR).body())).hasSize(1);
        assertThat(get("/reports/accounting?by=printer&from=2026-12-01&to=2026-12-31", OPERATOR).body())
                .contains("{\"key\":\"office\",\"jobs\":62,\"pages\":124}");
    }
}
