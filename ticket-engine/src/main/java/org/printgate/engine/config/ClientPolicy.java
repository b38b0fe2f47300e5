package org.printgate.engine.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What client software the engine accepts (3-11..3-13, claims 9-10): a minimum spooler version
 * with where to get a newer one, and components (drivers, OS, spooler versions) known to be bad.
 *
 * @param minimumVersion the oldest spooler (client-info type application) accepted, e.g. "1.2.0"
 * @param downloadUri where the current spooler is
 * @param sha256 SHA-256 (hex) of the file at downloadUri, so the client can check what it got
 * @param denied components refused whatever their version says otherwise
 */
public record ClientPolicy(String minimumVersion, URI downloadUri, String sha256, List<Denied> denied) {
    public static final ClientPolicy NONE = new ClientPolicy(null, null, null, List.of());

    public ClientPolicy {
        denied = denied == null ? List.of() : List.copyOf(denied);
    }

    /**
     * A refused component.
     *
     * @param component application, driver, operating-system or other
     * @param name client-name it applies to (case-insensitive)
     * @param version client-string-version refused (exact), or absent for all versions
     * @param upgradeTo the version to install instead, if any
     * @param uri where to get it, if it can be downloaded
     */
    public record Denied(String component, String name, String version, String upgradeTo, URI uri) {
        boolean matches(String componentType, String clientName, String clientVersion) {
            return component.equalsIgnoreCase(componentType) && name.equalsIgnoreCase(clientName)
                    && (version == null || version.equalsIgnoreCase(clientVersion));
        }
    }

    /** What the client must do instead: upgrade this component to this version from there. */
    public record Upgrade(String component, String version, URI uri, String sha256) {}

    /** The upgrade a client component needs, or empty if it is fine. */
    public Optional<Upgrade> check(String componentType, String clientName, String clientVersion) {
        for (Denied d : denied) {
            if (d.matches(componentType, clientName, clientVersion)) {
                return Optional.of(new Upgrade(componentType, d.upgradeTo() == null ? "" : d.upgradeTo(), d.uri(), null));
            }
        }
        if (componentType.equals("application") && minimumVersion != null
                && compareVersions(clientVersion, minimumVersion) < 0) {
            return Optional.of(new Upgrade("application", minimumVersion, downloadUri, sha256));
        }
        return Optional.empty();
    }

    /** Compares dotted versions numerically part by part ("1.10" is newer than "1.9"). */
    static int compareVersions(String a, String b) {
        String[] x = (a == null ? "0" : a).toLowerCase(Locale.ROOT).split("[.\\-]");
        String[] y = b.toLowerCase(Locale.ROOT).split("[.\\-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? number(x[i]) : 0;
            long q = i < y.length ? number(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    private static long number(String part) {
        String digits = part.replaceAll("[^0-9].*$", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits.length() > 18 ? digits.substring(0, 18) : digits);
    }
}
