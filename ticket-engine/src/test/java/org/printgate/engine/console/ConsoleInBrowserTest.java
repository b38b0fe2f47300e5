package org.printgate.engine.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.printgate.engine.Engine;
import org.printgate.engine.auth.Authenticator;
import org.printgate.engine.config.EngineYaml;
import org.printgate.engine.ticket.TicketState;
import org.printgate.protocol.client.TicketClient;
import org.printgate.sim.Simulator;
import org.printgate.sim.printer.SimPrinter;
import org.printgate.sim.profile.FaultSpec;
import org.printgate.sim.profile.FaultType;
import org.printgate.sim.profile.Profile;
import org.printgate.testing.Await;

/**
 * The console in a real browser: Debian's chromium, headless, driven through Debian's
 * chromedriver by Selenium, against a real engine watching a real (simulated) printer. Saves a
 * screenshot of each page under target/console-screenshots/.
 */
class ConsoleInBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/console-screenshots");

    @TempDir
    Path data;
    private Simulator simulator;
    private Engine engine;
    private WebDriver browser;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() throws Exception {
        assertThat(CHROMIUM).as("chromium (bin/install-test-peers installs it)").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver (bin/install-test-peers installs chromium-driver)").isExecutable();
        simulator = Simulator.start(Profile.demo().onFreePorts(), null);
        SimPrinter laser = simulator.printer("laser-ps").orElseThrow();
        // Few iterations: the test's passwords need no strength, and each login derives one.
        String yaml = """
                printers:
                  - {name: laser, device-uri: "socket://127.0.0.1:%d", snmp-uri: "snmp://public@127.0.0.1:%d", location: "Floor 2, copy room"}
                  - {name: office, device-uri: "socket://127.0.0.1:%d", location: "Floor 1"}
                credentials:
                  - {name: olga, role: operator, password-pbkdf2: "%s"}
                  - {name: audrey, role: auditor, password-pbkdf2: "%s", identities: ["audrey@corp"]}
                  - {name: ws-ann, role: spooler, token-sha256: %s, identities: ["*@corp"]}
                watch: {up-interval: 1, down-interval: 1, check-timeout: 1}
                """.formatted(simulator.rawPort(laser), simulator.snmpPort(laser), simulator.rawPort(laser),
                Authenticator.hashPassword("olga-secret".toCharArray(), 1000),
                Authenticator.hashPassword("audrey-secret".toCharArray(), 1000), Authenticator.sha256Hex("t"));
        engine = Engine.start(EngineYaml.onLoopback(yaml), Clock.systemUTC(), data);
        Files.createDirectories(SCREENSHOTS);
        browser = chromium();
    }

    /** Debian's chromium through Debian's chromedriver; both paths given, so Selenium Manager is never asked. */
    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,860",
                "--disable-gpu", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // Elements of a page still loading after a click are waited for, briefly.
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return driver;
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (engine != null) {
            engine.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    private String console(String path) {
        return "http://127.0.0.1:" + engine.port() + "/console" + path;
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private void signIn(String user, String password) {
        browser.get(console("/login"));
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private long queueJob(String queue, String user, String name) {
        return engine.apply(() -> engine.book().request(queue, user, "ws-ann", name, 50, 10, 1)).subject().jobId();
    }

    @Test
    void anOperatorSignsInWatchesAJamActsAndSignsOut() throws Exception {
        // Nothing about queues before a login: the engine's home page and the console lead to the login.
        HttpResponse<String> home = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(home.body()).contains("/console/login").doesNotContain("laser").doesNotContain("office");
        browser.get(console("/printers"));
        assertThat(browser.getCurrentUrl()).endsWith("/console/login");
        screenshot("login");

        // A wrong password is refused, and the next try comes too early: 429 until the wait passes.
        signIn("olga", "wrong");
        assertThat(browser.findElement(By.cssSelector("p.error")).getText()).contains("Wrong user name or password");
        screenshot("login-refused");
        // The JDK client is quick enough to come within the first wait (1 s), unlike a loaded browser.
        HttpResponse<String> early = http.send(HttpRequest.newBuilder(URI.create(console("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=olga&password=olga-secret")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(early.statusCode()).isEqualTo(429);
        assertThat(early.headers().firstValue("Retry-After")).isPresent();
        assertThat(early.body()).contains("Too many failed attempts");
        Await.until(Duration.ofSeconds(10), "the login once the wait has passed", () -> {
            signIn("olga", "olga-secret");
            return browser.getCurrentUrl().endsWith("/console/dashboard");
        });
        Cookie session = browser.manage().getCookieNamed(ConsoleRequest.COOKIE);
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.getPath()).isEqualTo("/console");
        assertThat(session.getValue()).hasSize(43); // 256 bits, URL-safe Base64 without padding

        // The dashboard counts both printers up; a jam set on the simulator turns the laser down, in words, and clears.
        Await.until(Duration.ofSeconds(15), "both printers up on the dashboard", () -> {
            browser.navigate().refresh();
            return text("printers-up").equals("2");
        });
        screenshot("dashboard");
        // The page updates itself (htmx, every 5 s), without a reload: a mark left in the page's window stays.
        ((JavascriptExecutor) browser).executeScript("window.printgateMark = 'still here';");
        simulator.printer("laser-ps").orElseThrow().hardware().apply(FaultSpec.of(FaultType.JAM));
        Await.until(Duration.ofSeconds(30), "the jam on the dashboard, updated in place",
                () -> text("printers-down").equals("1") && browser.getPageSource().contains("Paper jam"));
        // The jam is an open alert, told once on the dashboard.
        Await.until(Duration.ofSeconds(30), "the jam among the open alerts",
                () -> text("alerts-open").equals("1") && browser.findElement(By.id("alerts")).getText().contains("paper jam"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.printgateMark;")).isEqualTo("still here");
        screenshot("dashboard-jam");
        browser.get(console("/printers/laser"));
        assertThat(text("printer-state")).contains("down").contains("Paper jam");
        screenshot("printer-jammed");
        simulator.printer("laser-ps").orElseThrow().hardware().clear(FaultType.JAM);
        Await.until(Duration.ofSeconds(15), "the jam cleared on the dashboard", () -> {
            browser.get(console("/dashboard"));
            return text("printers-down").equals("0") && text("printers-up").equals("2") && text("alerts-open").equals("0");
        });

        // Pause a printer from the printers page: the engine's queue is paused, and the page says so.
        browser.get(console("/printers"));
        browser.findElement(By.cssSelector("#printer-office button[value=pause]")).click();
        Await.until("office paused", () -> engine.book().queue("office").orElseThrow().paused());
        Await.until("the printer's page after the pause", () -> browser.getCurrentUrl().endsWith("/console/printers/office"));
        assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).contains("pause printer office");
        assertThat(text("printer-state")).contains("Paused by an operator");
        screenshot("printer");
        browser.get(console("/printers"));
        screenshot("printers");
        // A large site's printers are found by name or location.
        browser.findElement(By.id("find")).sendKeys("COPY ROOM");
        browser.findElement(By.cssSelector(".filters button")).click();
        Await.until("the printers in the copy room", () -> browser.getCurrentUrl().contains("find=COPY")
                && browser.findElements(By.cssSelector("#printers tbody tr")).size() == 1);
        assertThat(browser.findElement(By.cssSelector("#printers tbody tr")).getAttribute("id")).isEqualTo("printer-laser");

        // Jobs: filter by user, cancel one after the confirmation page, move another.
        long report = queueJob("office", "bob@corp", "quarterly report");
        long slides = queueJob("office", "carol@corp", "slides");
        browser.get(console("/jobs"));
        assertThat(browser.findElements(By.cssSelector("table.jobs tbody tr"))).hasSize(2);
        screenshot("jobs");
        browser.findElement(By.id("user")).sendKeys("bob@corp");
        browser.findElement(By.cssSelector(".filters button")).click();
        Await.until("the jobs of bob@corp only", () -> browser.getCurrentUrl().contains("user=bob%40corp")
                && browser.findElements(By.cssSelector("table.jobs tbody tr")).size() == 1);
        // A time window (UTC): the jobs made within the last hour are there; a window that ended yesterday holds none.
        java.time.format.DateTimeFormatter minute = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
        java.time.LocalDateTime now = java.time.LocalDateTime.now(ZoneOffset.UTC);
        browser.get(console("/jobs?from=" + minute.format(now.minusHours(1)) + "&to=" + minute.format(now.plusHours(1))));
        assertThat(browser.findElements(By.cssSelector("table.jobs tbody tr"))).hasSize(2);
        browser.get(console("/jobs?to=" + LocalDate.now(ZoneOffset.UTC).minusDays(1)));
        assertThat(browser.findElements(By.cssSelector("table.jobs tbody tr"))).isEmpty();
        browser.get(console("/jobs?user=bob%40corp"));
        browser.findElement(By.cssSelector("#job-" + report + " a[href$='/cancel']")).click();
        screenshot("job-cancel");
        assertThat(engine.book().ticket(report).orElseThrow().state()).isNotEqualTo(TicketState.CANCELED);
        browser.findElement(By.id("confirm-cancel")).click();
        // A click on a submit button may return before the answer is in: wait for the engine.
        Await.until("job " + report + " canceled",
                () -> engine.book().ticket(report).orElseThrow().state() == TicketState.CANCELED);
        browser.get(console("/jobs/" + slides + "/move"));
        screenshot("job-move");
        browser.findElement(By.id("destination")).sendKeys("laser");
        browser.findElement(By.id("confirm-move")).click();
        Await.until("job " + slides + " moved to laser", () -> engine.book().ticket(slides).orElseThrow().queue().equals("laser"));

        // On the idle laser the job gets the printer: an operator then interrupts it rather than cancels it, and the
        // engine asks the workstation holding it to stop at the printer (fig. 5).
        Await.until("job " + slides + " at the laser", () -> engine.book().ticket(slides).orElseThrow().state().holdsCapacity());
        browser.get(console("/jobs"));
        browser.findElement(By.cssSelector("#job-" + slides + " a[href$='/cancel']")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Interrupt job " + slides + "?");
        screenshot("job-interrupt");
        browser.findElement(By.id("confirm-cancel")).click();
        Await.until("job " + slides + " stopping at the printer", () -> {
            TicketState state = engine.book().ticket(slides).orElseThrow().state();
            return state == TicketState.STOPPING || state == TicketState.CANCELED;
        });

        // The canceled job is accounted: the report counts it, and the CSV export is the store's rows.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        browser.get(console("/reports?by=user&from=" + today + "&to=" + today));
        assertThat(browser.findElement(By.id("report")).getText()).contains("bob@corp");
        assertThat(text("report-jobs")).isEqualTo("1");
        screenshot("reports");
        // By day, the report is also a chart (uPlot, served by the engine), drawn from the table's rows.
        browser.get(console("/reports?by=day&from=" + today.minusDays(2) + "&to=" + today));
        int days = browser.findElements(By.cssSelector("#report tbody tr")).size();
        assertThat(days).isPositive();
        Await.until("the chart of pages per day", () -> String.valueOf(days).equals(browser.findElement(By.id("report-chart")).getAttribute("data-drawn")));
        assertThat(browser.findElements(By.cssSelector("#report-chart canvas"))).hasSize(1);
        screenshot("reports-by-day");
        HttpResponse<String> csv = http.send(HttpRequest.newBuilder(URI.create(console("/rows.csv?from=" + today + "&to=" + today)))
                .header("Cookie", ConsoleRequest.COOKIE + "=" + session.getValue()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        List<Long> stored = new ArrayList<>();
        long startOfDay = today.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        engine.accounting().forEachAccountingRow(startOfDay, startOfDay + Duration.ofDays(1).toMillis(), t -> stored.add(t.jobId()));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("job-id,");
        assertThat(lines.subList(1, lines.size()).stream().map(line -> Long.parseLong(line.substring(0, line.indexOf(',')))).toList())
                .containsExactlyElementsOf(stored).contains(report);

        // A spooler that asks for a ticket is on the clients page, with the software and system it named.
        TicketClient.withToken(URI.create("ipp://127.0.0.1:" + engine.port() + "/ipp/system"), "t")
                .requestTicket("office", "dan@corp", "memo.pdf", 50, 10, 1);
        browser.get(console("/clients"));
        assertThat(browser.findElement(By.id("clients")).getText())
                .contains("ws-ann").contains("printgate-spooler").contains(System.getProperty("os.name"));
        screenshot("clients");

        // A forged POST (the session cookie, no CSRF token) is refused and changes nothing.
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(console("/printers/laser/pause")))
                .header("Cookie", ConsoleRequest.COOKIE + "=" + session.getValue())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("do=pause")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(engine.book().queue("laser").orElseThrow().paused()).isFalse();

        // Every action is in the audit log, with who and from where.
        browser.get(console("/audit"));
        String audit = browser.findElement(By.id("audit")).getText();
        assertThat(audit).contains("pause printer").contains("cancel job").contains("move job").contains("interrupt job")
                .contains("olga").contains("127.0.0.1");
        List<String> logged = Files.readAllLines(data.resolve(AuditLog.FILE_NAME));
        assertThat(logged).anyMatch(l -> l.endsWith("\tcancel job\t" + report + "\tok"));
        screenshot("audit");
        // Exported, the audit log is every line of the file, in order.
        HttpResponse<String> auditCsv = http.send(HttpRequest.newBuilder(URI.create(console("/audit.csv?from=" + today + "&to=" + today)))
                .header("Cookie", ConsoleRequest.COOKIE + "=" + session.getValue()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(auditCsv.statusCode()).isEqualTo(200);
        List<String> exported = auditCsv.body().lines().toList();
        assertThat(exported.get(0)).isEqualTo("time,user,address,action,target,outcome");
        assertThat(exported.subList(1, exported.size()).stream().map(l -> l.split(",")[3]).toList())
                .containsExactlyElementsOf(logged.stream().map(l -> l.split("\t")[3]).toList());

        // Signing out ends the session: the old cookie opens nothing.
        browser.get(console("/dashboard"));
        browser.findElement(By.cssSelector("form.who button")).click();
        Await.until("the login page after signing out", () -> browser.getCurrentUrl().endsWith("/console/login"));
        HttpResponse<String> after = http.send(HttpRequest.newBuilder(URI.create(console("/jobs")))
                .header("Cookie", ConsoleRequest.COOKIE + "=" + session.getValue()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).isEqualTo(303);
        assertThat(after.headers().firstValue("Location")).hasValue("/console/login");
    }

    @Test
    void anAuditorSeesThePagesButMayNotAct() throws Exception {
        long job = queueJob("laser", "bob@corp", "payroll");
        signIn("audrey", "audrey-secret");
        // The click returns before the answer's page is in.
        Await.until("the dashboard after the auditor's login", () -> browser.getCurrentUrl().endsWith("/console/dashboard"));
        browser.get(console("/printers"));
        assertThat(browser.findElements(By.cssSelector("#printers tbody tr"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector(".actions button"))).isEmpty();
        browser.get(console("/jobs"));
        assertThat(browser.findElement(By.id("job-" + job)).getText()).contains("payroll").doesNotContain("Cancel");

        // With a valid CSRF token, an action is still refused: the role may look only.
        browser.get(console("/printers/laser"));
        String csrf = browser.findElement(By.cssSelector("form.who input[name=csrf]")).getAttribute("value");
        String cookie = browser.manage().getCookieNamed(ConsoleRequest.COOKIE).getValue();
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(console("/jobs/" + job + "/cancel")))
                .header("Cookie", ConsoleRequest.COOKIE + "=" + cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf + "&confirm=yes")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(engine.book().ticket(job).orElseThrow().state()).isNotEqualTo(TicketState.CANCELED);
    }

    @Test
    void spoolersAndUsersCannotSignIn() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(console("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=ws-ann&password=t")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void aLoginPostedFromAnotherSiteIsRefused() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(console("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("username=olga&password=olga-secret")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
    }
}
