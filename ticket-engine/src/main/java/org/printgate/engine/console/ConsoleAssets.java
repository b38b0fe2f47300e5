package org.printgate.engine.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import org.webjars.WebJarVersionLocator;

/**
 * The files the console's pages load, served by the engine itself so that the console works on
 * a network without the internet: its stylesheet and chart script, and two small libraries from
 * WebJars (htmx, which updates the dashboard in place; uPlot, which draws the reports' charts).
 * A fixed list read once at start (about 160 kB): no name from a request reaches the class path.
 */
final class ConsoleAssets {
    /** A file and its media type. */
    record Asset(String contentType, byte[] bytes) {}

    private static final String CSS = "text/css; charset=utf-8";
    private static final String JS = "text/javascript; charset=utf-8";

    private final Map<String, Asset> assets;

    ConsoleAssets() {
        WebJarVersionLocator webJars = new WebJarVersionLocator();
        assets = Map.of(
                "console.css", read("console-assets/console.css", CSS),
                "console-chart.js", read("console-assets/console-chart.js", JS),
                "htmx.min.js", read(webJar(webJars, "htmx.org", "dist/htmx.min.js"), JS),
                "uPlot.iife.min.js", read(webJar(webJars, "uplot", "dist/uPlot.iife.min.js"), JS),
                "uPlot.min.css", read(webJar(webJars, "uplot", "dist/uPlot.min.css"), CSS));
    }

    Optional<Asset> find(String name) {
        return Optional.ofNullable(assets.get(name));
    }

    private static String webJar(WebJarVersionLocator webJars, String name, String file) {
        String path = webJars.fullPath(name, file);
        if (path == null) {
            throw new IllegalStateException("the console's " + name + " WebJar is not on the class path (" + file + ")");
        }
        return path;
    }

    private static Asset read(String resource, String contentType) {
        try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the console's " + resource + " is not on the class path");
            }
            return new Asset(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's " + resource, e);
        }
    }
}
