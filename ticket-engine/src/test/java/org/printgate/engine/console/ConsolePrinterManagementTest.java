package org.printgate.engine.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.hp.jipp.model.Status;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.engine.Engine;
import org.printgate.engine.auth.Authenticator;
import org.printgate.engine.config.EngineConfig;
import org.printgate.engine.config.EngineYaml;
import org.printgate.engine.ticket.QueueConfig;
import org.printgate.protocol.client.TicketClient;
import org.printgate.protocol.client.TicketException;
import org.printgate.sim.Simulator;
import org.printgate.sim.printer.SimPrinter;
import org.printgate.sim.profile.Profile;
import org.printgate.testing.Await;

/**
 * Adding, editing and removing printers from the console, over HTTP as a browser's plain forms
 * send them (session cookie, CSRF token, post/redirect/get), against a real engine watching a
 * real simulated printer; the changes are checked where they count: a spooler's ticket request
 * over IPP, the engine's stored queues after a restart, the audit log.
 */
class ConsolePrinterManagementTest {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @TempDir
    Path data;
    private Simulator simulator;
    private SimPrinter laser;
    private EngineConfig config;
    private Engine engine;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** A signed-in browser: its session cookie and the session's CSRF token. */
    private record Browser(String cookie, String csrf) {}

    @BeforeEach
    void start() throws Exception {
        simulator = Simulator.start(Profile.demo().onFreePorts(), null);
        laser = simulator.printer("laser-ps").orElseThrow();
        SimPrinter small = simulator.printer("slow-small").orElseThrow();
        // Few iterations: the test's passwords need no strength, and each login derives one.
        config = EngineYaml.onLoopback("""
                printers:
                  - {name: office, device-uri: "socket://127.0.0.1:%d", location: "Floor 1"}
                credentials:
                  - {name: olga, role: operator, password-pbkdf2: "%s"}
                  - {name: audrey, role: auditor, password-pbkdf2: "%s", identities: ["audrey@corp"]}
                  - {name: ws-ann, role: spooler, token-sha256: %s, identities: ["*@corp"]}
                watch: {up-interval: 1, down-interval: 1, check-timeout: 1}
                """.formatted(simulator.rawPort(small), Authenticator.hashPassword("olga-secret".toCharArray(), 1000),
                Authenticator.hashPassword("audrey-secret".toCharArray(), 1000), Authenticator.sha256Hex("t")));
        engine = Engine.start(config, Clock.systemUTC(), data);
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void anOperatorAddsEditsAndRemovesAPrinter() throws Exception {
        Browser olga = signIn("olga", "olga-secret");
        assertThat(get(olga, "/printers").body()).contains("id=\"add-printer-form\"").contains("<label for=\"allowed-users\">");

        // Added on the printers page: an IPP printer only ann may use, one job at a time.
        HttpResponse<String> added = post(olga, "/printers/add", "name", "lab", "device-uri", simulator.ippUri(laser).toString(),
                "max-jobs", "1", "max-k-octets", "2048", "allowed-users", "ann@corp", "location", "Lab, bench 3");
        assertThat(added.statusCode()).isEqualTo(303);
        assertThat(added.headers().firstValue("Location")).hasValue("/console/printers/lab");
        assertThat(get(olga, "/printers/lab").body()).contains("Done: add printer lab");
        QueueConfig lab = engine.book().queue("lab").orElseThrow();
        assertThat(lab.deviceUri()).isEqualTo(simulator.ippUri(laser));
        assertThat(lab.maxJobs()).isEqualTo(1);
        assertThat(lab.maxKOctets()).isEqualTo(2048);
        assertThat(lab.allowedUsers()).containsExactly("ann@corp");
        assertThat(lab.location()).isEqualTo("Lab, bench 3");

        // Its access list is the engine's: bob is refused a ticket, ann gets one.
        TicketClient spooler = TicketClient.withToken(engine.systemUri(), "t");
        assertRefused(Status.clientErrorNotAuthorized, () -> spooler.requestTicket("lab", "bob@corp", "bob's", 50, -1, -1));
        long anns = spooler.requestTicket("lab", "ann@corp", "ann's", 50, -1, -1).jobId();

        // The watch reads the printer's firmware over IPP; its page and the list show it.
        Browser watching = olga;
        Await.until(Duration.ofSeconds(15), "the firmware on the printer's page",
                () -> get(watching, "/printers/lab").body().contains("LaserWriter Firmware 7.0.2"));
        assertThat(get(olga, "/printers/lab").body()).containsPattern("id=\"printer-firmware\">LaserWriter Firmware 7.0.2<");
        assertThat(get(olga, "/printers").body()).contains("LaserWriter Firmware 7.0.2");

        // Edited on its page: bob is let in (comma and line separated both count), three jobs at once.
        String page = get(olga, "/printers/lab").body();
        assertThat(page).contains("action=\"/console/printers/lab/edit\"").contains("<label for=\"max-jobs\">")
                .contains(">ann@corp</textarea>");
        HttpResponse<String> edited = post(olga, "/printers/lab/edit", "device-uri", simulator.ippUri(laser).toString(),
                "max-jobs", "3", "max-k-octets", "0", "allowed-users", "ann@corp,\r\nbob@corp", "location", "Lab, bench 4");
        assertThat(edited.headers().firstValue("Location")).hasValue("/console/printers/lab");
        assertThat(get(olga, "/printers/lab").body()).contains("Done: edit printer lab").contains("Lab, bench 4");
        long bobs = spooler.requestTicket("lab", "bob@corp", "bob's", 50, -1, -1).jobId();

        // The change is stored: after a restart the queue is as edited.
        engine.close();
        engine = Engine.start(config, Clock.systemUTC(), data);
        lab = engine.book().queue("lab").orElseThrow();
        assertThat(lab.maxJobs()).isEqualTo(3);
        assertThat(lab.maxKOctets()).isZero();
        assertThat(lab.allowedUsers()).containsExactly("ann@corp", "bob@corp");
        assertThat(lab.location()).isEqualTo("Lab, bench 4");

        // Removal goes through a confirmation page that says what becomes of the jobs, and is
        // refused, as Delete-Printer is, while jobs wait.
        olga = signIn("olga", "olga-secret");
        String confirm = get(olga, "/printers/lab/remove").body();
        assertThat(confirm).contains("Remove printer lab?").contains("cancel them, or move them to another printer")
                .contains("id=\"confirm-remove\"");
        HttpResponse<String> refused = post(olga, "/printers/lab/remove", "confirm", "yes");
        assertThat(refused.headers().firstValue("Location")).hasValue("/console/printers/lab");
        assertThat(get(olga, "/printers/lab").body()).contains("Not done: remove printer lab").contains("still has jobs");
        assertThat(engine.book().queue("lab")).isPresent();
        // Unconfirmed, nothing happens either.
        assertThat(post(olga, "/printers/lab/remove").statusCode()).isEqualTo(400);
        TicketClient spoolerAgain = TicketClient.withToken(engine.systemUri(), "t");
        spoolerAgain.cancel(anns);
        spoolerAgain.cancel(bobs);
        HttpResponse<String> removed = post(olga, "/printers/lab/remove", "confirm", "yes");
        assertThat(removed.headers().firstValue("Location")).hasValue("/console/printers");
        assertThat(get(olga, "/printers").body()).contains("Done: remove printer lab");
        assertThat(engine.book().queue("lab")).isEmpty();
        assertThat(get(olga, "/printers/lab").statusCode()).isEqualTo(404);

        assertThat(Files.readAllLines(data.resolve(AuditLog.FILE_NAME)))
                .anySatisfy(line -> assertThat(line).contains("olga").contains("add printer").contains("lab").endsWith("ok"))
                .anySatisfy(line -> assertThat(line).contains("edit printer").contains("bob@corp").endsWith("ok"))
                .anySatisfy(line -> assertThat(line).contains("remove printer").contains("refused: ").contains("still has jobs"))
                .anySatisfy(line -> assertThat(line).contains("remove printer").endsWith("ok"));
    }

    @Test
    void badInputComesBackAsTheFormsNoticeWithItsReason() throws Exception {
        Browser olga = signIn("olga", "olga-secret");
        String socket = "socket://127.0.0.1:9";

        assertAddRefused(olga, "must start with ipp://, ipps:// or socket://", "name", "web", "device-uri", "http://10.0.0.9/",
                "allowed-users", "*");
        assertAddRefused(olga, "a printer name is 1 to 127 letters, digits", "name", "bad name", "device-uri", socket,
                "allowed-users", "*");
        assertAddRefused(olga, "a printer named office exists already", "name", "office", "device-uri", socket,
                "allowed-users", "*");
        assertAddRefused(olga, "max jobs at once must be from 1 to 1000, not 0", "name", "zero", "device-uri", socket,
                "max-jobs", "0", "allowed-users", "*");
        assertAddRefused(olga, "max jobs at once must be a whole number", "name", "typo", "device-uri", socket,
                "max-jobs", "two", "allowed-users", "*");
        assertAddRefused(olga, "the allowed users list is empty", "name", "nobody", "device-uri", socket,
                "allowed-users", " \r\n ");
        assertAddRefused(olga, "an allowed user is user@domain, *@domain or *", "name", "bare", "device-uri", socket,
                "allowed-users", "ann");
        assertAddRefused(olga, "the SNMP URI must look like snmp://community@host:161", "name", "snmpless", "device-uri", socket,
                "snmp-uri", "public@10.0.0.9", "allowed-users", "*");

        // On the printer's page the same: refused with the reason, and nothing changed.
        HttpResponse<String> edit = post(olga, "/printers/office/edit", "device-uri", socket, "max-jobs", "5000",
                "allowed-users", "*", "location", "moved");
        assertThat(edit.statusCode()).isEqualTo(303);
        assertThat(edit.headers().firstValue("Location")).hasValue("/console/printers/office");
        assertThat(get(olga, "/printers/office").body()).contains("Not done: edit printer office")
                .contains("max jobs at once must be from 1 to 1000, not 5000");
        QueueConfig office = engine.book().queue("office").orElseThrow();
        assertThat(office.maxJobs()).isEqualTo(1);
        assertThat(office.location()).isEqualTo("Floor 1");

        // Over IPP the same rule answers with the statuses Create-Printer always gave.
        TicketClient admin = TicketClient.withPassword(engine.systemUri(), "olga", "olga-secret");
        assertRefused(Status.clientErrorAttributesOrValuesNotSupported,
                () -> admin.createPrinter("big", URI.create(socket), null, 5000, List.of("*")));
        assertRefused(Status.clientErrorNotPossible,
                () -> admin.createPrinter("office", URI.create(socket), null, 1, List.of("*")));
        assertThat(engine.book().queues()).extracting(QueueConfig::name).containsExactly("office");

        // Each refusal is in the audit log with its reason.
        assertThat(Files.readAllLines(data.resolve(AuditLog.FILE_NAME)))
                .anySatisfy(line -> assertThat(line).contains("add printer").contains("refused: ").contains("exists already"))
                .anySatisfy(line -> assertThat(line).contains("edit printer").contains("refused: ").contains("not 5000"));
    }

    @Test
    void anAuditorSeesNoPrinterFormsAndItsPostsAreRefused() throws Exception {
        Browser audrey = signIn("audrey", "audrey-secret");
        assertThat(get(audrey, "/printers").body()).contains("office").doesNotContain("add-printer-form");
        assertThat(get(audrey, "/printers/office").body()).contains("Floor 1").doesNotContain("/edit\"")
                .doesNotContain("remove-printer");
        assertThat(get(audrey, "/printers/office/remove").body()).doesNotContain("confirm-remove");

        HttpResponse<String> add = post(audrey, "/printers/add", "name", "sneaky", "device-uri", "socket://127.0.0.1:9",
                "allowed-users", "*");
        assertThat(add.statusCode()).isEqualTo(403);
        HttpResponse<String> edit = post(audrey, "/printers/office/edit", "device-uri", "socket://127.0.0.1:9",
                "max-jobs", "7", "allowed-users", "*");
        assertThat(edit.statusCode()).isEqualTo(403);
        assertThat(post(audrey, "/printers/office/remove", "confirm", "yes").statusCode()).isEqualTo(403);
        assertThat(engine.book().queues()).extracting(QueueConfig::name).containsExactly("office");
        assertThat(engine.book().queue("office").orElseThrow().maxJobs()).isEqualTo(1);
        assertThat(Files.readAllLines(data.resolve(AuditLog.FILE_NAME)))
                .anySatisfy(line -> assertThat(line).contains("audrey").contains("/printers/add").contains("refused: read-only role"));
    }

    /** An add refused: back on the printers page, whose notice gives {@code reason}; no queue made. */
    private void assertAddRefused(Browser browser, String reason, String... fields) throws Exception {
        int queues = engine.book().queueCount();
        HttpResponse<String> answer = post(browser, "/printers/add", fields);
        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.headers().firstValue("Location")).hasValue("/console/printers");
        assertThat(get(browser, "/printers").body()).contains("Not done: add printer").contains(reason);
        assertThat(engine.book().queueCount()).isEqualTo(queues);
    }

    private static void assertRefused(Status status, org.assertj.core.api.ThrowableAssert.ThrowingCallable request) {
        Throwable thrown = catchThrowable(request);
        assertThat(thrown).isInstanceOf(TicketException.class);
        assertThat(((TicketException) thrown).status()).isEqualTo(status);
    }

    private Browser signIn(String user, String password) throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(console("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as("login of " + user).isEqualTo(303);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        Browser browser = new Browser(cookie, "");
        Matcher csrf = CSRF.matcher(get(browser, "/dashboard").body());
        assertThat(csrf.find()).as("a CSRF token on the dashboard").isTrue();
        return new Browser(cookie, csrf.group(1));
    }

    private HttpResponse<String> get(Browser browser, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(console(path)).header("Cookie", browser.cookie()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A form posted as a browser posts it: URL-encoded, with the session's token. */
    private HttpResponse<String> post(Browser browser, String path, String... fields) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder("csrf=").append(URLEncoder.encode(browser.csrf(), StandardCharsets.UTF_8));
        for (int i = 0; i < fields.length; i += 2) {
            body.append('&').append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return http.send(HttpRequest.newBuilder(console(path)).header("Cookie", browser.cookie())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI console(String path) {
        return URI.create("http://127.0.0.1:" + engine.port() + "/console" + path);
    }
}
