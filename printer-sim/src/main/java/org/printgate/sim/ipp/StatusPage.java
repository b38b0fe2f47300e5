package org.printgate.sim.ipp;

import com.hp.jipp.model.PrinterState;
import org.printgate.sim.job.Job;
import org.printgate.sim.printer.SimPrinter;

/** The small HTML page a browser gets from GET on the printer URI. */
final class StatusPage {
    private StatusPage() {}

    static String html(SimPrinter printer) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                .append(escape(printer.name())).append("</title></head><body>")
                .append("<h1>").append(escape(printer.name())).append("</h1>")
                .append("<p>").append(escape(printer.spec().printerMakeAndModel())).append(" &mdash; ")
                .append(escape(String.valueOf(printer.spec().printerLocation()))).append("</p>")
                .append("<p>State: <b>").append(PrinterState.Companion.get(printer.hardware().printerState()).getName())
                .append("</b> (").append(escape(String.join(", ", printer.hardware().printerStateReasons()))).append(")</p>")
                .append("<p>Pages printed: ").append(printer.hardware().pageCount())
                .append(", jobs queued: ").append(printer.queuedJobCount()).append("</p>")
                .append("<table border=\"1\"><tr><th>Job</th><th>Name</th><th>User</th><th>State</th><th>Pages</th></tr>");
        for (Job job : printer.jobs()) {
            html.append("<tr><td>").append(job.id()).append("</td><td>").append(escape(job.name()))
                    .append("</td><td>").append(escape(job.user())).append("</td><td>").append(job.state().getName())
                    .append("</td><td>").append(job.impressionsCompleted()).append("</td></tr>");
        }
        return html.append("</table></body></html>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
