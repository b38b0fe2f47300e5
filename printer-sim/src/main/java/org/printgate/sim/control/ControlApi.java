package org.printgate.sim.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.printgate.sim.Simulator;
import org.printgate.sim.ledger.LedgerEntry;
import org.printgate.sim.ledger.PageLedger;
import org.printgate.sim.printer.SimPrinter;
import org.printgate.sim.profile.FaultSpec;
import org.printgate.sim.profile.FaultType;
import org.printgate.sim.profile.Profile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's HTTP control API (JSON): read printers and the page ledger, set and clear
 * faults at run time.
 *
 * <pre>
 * GET    /printers                      every printer: ports, state, reasons, counters
 * GET    /printers/{name}               one printer, with its jobs
 * POST   /printers/{name}/faults        {"type": "jam", "at-page": 5} sets a fault
 * DELETE /printers/{name}/faults/{type} clears one fault (jam, out-of-paper, offline...)
 * DELETE /printers/{name}/faults        clears them all
 * GET    /ledger[?printer=P&amp;job=J]      pages that came out, in order
 * </pre>
 */
public final class ControlApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlApi.class);
    private static final ObjectMapper JSON = PageLedger.json();

    private final Simulator simulator;
    private final Undertow server;

    public ControlApi(Simulator simulator, String host, int port) {
        this.simulator = simulator;
        RoutingHandler routes = new RoutingHandler()
                .get("/", this::index)
                .get("/printers", exchange -> send(exchange, simulator.printers().stream().map(this::describe).toList()))
                .get("/printers/{name}", exchange -> withPrinter(exchange, printer -> send(exchange, describeWithJobs(printer))))
                .post("/printers/{name}/faults", this::setFault)
                .delete("/printers/{name}/faults/{type}", this::clearFault)
                .delete("/printers/{name}/faults", exchange -> withPrinter(exchange, printer -> {
                    printer.hardware().clearAll();
                    send(exchange, describe(printer));
                }))
                .get("/ledger", this::ledger)
                .setFallbackHandler(exchange -> error(exchange, StatusCodes.NOT_FOUND, "no such resource"));
        this.server = Undertow.builder().addHttpListener(port, host).setIoThreads(1).setWorkerThreads(4)
                .setHandler(new BlockingHandler(routes)).build();
        server.start();
    }

    public int port() {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    private void setFault(HttpServerExchange exchange) {
        withPrinter(exchange, printer -> {
            FaultSpec fault;
            try {
                fault = Profile.mapper().readValue(exchange.getInputStream(), FaultSpec.class);
            } catch (IOException | IllegalArgumentException e) {
                error(exchange, StatusCodes.BAD_REQUEST, "bad fault: " + e.getMessage());
                return;
            }
            if (fault.type() == null) {
                error(exchange, StatusCodes.BAD_REQUEST, "a fault needs a type");
                return;
            }
            log.info("{}: fault {}", printer.name(), fault);
            printer.hardware().apply(fault);
            send(exchange, describe(printer));
        });
    }

    private void clearFault(HttpServerExchange exchange) {
        withPrinter(exchange, printer -> {
            FaultType type;
            try {
                type = FaultType.fromKeyword(param(exchange, "type").orElse(""));
            } catch (IllegalArgumentException e) {
                error(exchange, StatusCodes.BAD_REQUEST, "no such fault type");
                return;
            }
            log.info("{}: cleared {}", printer.name(), type.keyword());
            printer.hardware().clear(type);
            send(exchange, describe(printer));
        });
    }

    private void ledger(HttpServerExchange exchange) {
        Optional<String> printer = param(exchange, "printer");
        Optional<String> job = param(exchange, "job");
        Predicate<LedgerEntry> filter = entry -> printer.map(p -> p.equals(entry.printer())).orElse(true)
                && job.map(j -> j.equals(String.valueOf(entry.jobId()))).orElse(true);
        send(exchange, simulator.ledger().entries(filter));
    }

    private void index(HttpServerExchange exchange) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>printer-sim</title>"
                + "</head><body><h1>printer-sim</h1><table border=\"1\"><tr><th>Printer</th><th>IPP</th><th>Raw</th>"
                + "<th>SNMP</th><th>State</th><th>Pages</th></tr>");
        for (SimPrinter printer : simulator.printers()) {
            String uri = simulator.ippUri(printer).toString();
            html.append("<tr><td>").append(printer.name()).append("</td><td><a href=\"http://")
                    .append(uri.substring("ipp://".length())).append("\">").append(uri).append("</a></td><td>")
                    .append(simulator.rawPort(printer)).append("</td><td>udp/").append(simulator.snmpPort(printer))
                    .append("</td><td>").append(String.join(", ", printer.hardware().printerStateReasons()))
                    .append("</td><td>").append(printer.hardware().pageCount()).append("</td></tr>");
        }
        html.append("</table><p>JSON: <a href=\"/printers\">/printers</a>, <a href=\"/ledger\">/ledger</a></p></body></html>");
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        exchange.getResponseSender().send(html.toString(), StandardCharsets.UTF_8);
    }

    private Map<String, Object> describe(SimPrinter printer) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", printer.name());
        out.put("ipp-uri", simulator.ippUri(printer).toString());
        out.put("ipp-port", simulator.ippPort(printer));
        out.put("raw-port", simulator.rawPort(printer));
        out.put("snmp-port", simulator.snmpPort(printer));
        out.put("printer-state", printer.hardware().printerState());
        out.put("printer-state-reasons", printer.hardware().printerStateReasons());
        out.put("online", printer.hardware().online());
        out.put("page-count", printer.hardware().pageCount());
        out.put("tray-levels", printer.hardware().trayLevels());
        out.put("supply-levels", printer.hardware().supplyLevels());
        out.put("memory-in-use", printer.memory().used());
        out.put("queued-job-count", printer.queuedJobCount());
        out.put("token-holder", printer.token().holder() == null ? null : printer.token().holder().keyword());
        return out;
    }

    private Map<String, Object> describeWithJobs(SimPrinter printer) {
        Map<String, Object> out = describe(printer);
        out.put("jobs", printer.jobs().stream().map(job -> {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("job-id", job.id());
            j.put("job-name", job.name());
            j.put("user", job.user());
            j.put("path", job.path().keyword());
            j.put("job-state", job.state().getName());
            j.put("job-state-reasons", job.reasons());
            j.put("job-impressions-completed", job.impressionsCompleted());
            j.put("octets", job.octets());
            return j;
        }).toList());
        return out;
    }

    private interface PrinterAction {
        void run(SimPrinter printer);
    }

    private void withPrinter(HttpServerExchange exchange, PrinterAction action) {
        Optional<SimPrinter> printer = param(exchange, "name").flatMap(simulator::printer);
        if (printer.isEmpty()) {
            error(exchange, StatusCodes.NOT_FOUND, "no such printer");
            return;
        }
        action.run(printer.get());
    }

    private static Optional<String> param(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        if (values == null) {
            values = exchange.getPathParameters().get(name);
        }
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    private static void send(HttpServerExchange exchange, Object body) {
        try {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
            exchange.getResponseSender().send(JSON.writeValueAsString(body), StandardCharsets.UTF_8);
        } catch (IOException e) {
            error(exchange, StatusCodes.INTERNAL_SERVER_ERROR, e.getMessage());
        }
    }

    private static void error(HttpServerExchange exchange, int status, String message) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send("{\"error\":" + quote(message) + "}", StandardCharsets.UTF_8);
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            return "\"\"";
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
