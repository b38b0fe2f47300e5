package org.printgate.spooler.identity;

import java.nio.file.Path;
import java.util.List;

/**
 * Whose word the spooler takes for who is printing (YAML key {@code identity}).
 *
 * @param trustedUsers local accounts that print for others and may name the user in
 *     {@code requesting-user-name}: root and CUPS's {@code lp} (its backends run as either)
 * @param operatorGroup members of this local group act on every job, as CUPS's admins do
 * @param socket the spooler's Unix domain socket, where the kernel names the connecting account
 *     ({@code SO_PEERCRED}); null: {@code spooler.sock} in the spool directory
 */
public record IdentityPolicy(List<String> trustedUsers, String operatorGroup, Path socket) {

    public IdentityPolicy {
        trustedUsers = trustedUsers == null ? List.of("root", "lp") : List.copyOf(trustedUsers);
        operatorGroup = operatorGroup == null ? "lpadmin" : operatorGroup;
    }

    public static IdentityPolicy defaults() {
        return new IdentityPolicy(null, null, null);
    }
}
