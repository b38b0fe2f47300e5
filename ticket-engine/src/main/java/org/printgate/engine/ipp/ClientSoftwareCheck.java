package org.printgate.engine.ipp;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.UntypedCollection;
import com.hp.jipp.model.ClientInfo;
import com.hp.jipp.model.ClientType;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.printgate.engine.alerts.OperatorAlerts;
import org.printgate.engine.auth.Credential;
import org.printgate.engine.auth.Role;
import org.printgate.engine.clients.ClientsSeen;
import org.printgate.engine.config.ClientPolicy;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppResponse;
import org.printgate.protocol.PrintgateTypes;

/**
 * Checks the client software of a ticket request (3-2, 3-11..3-13, claims 9-10;
 * docs/ticket-protocol.md §6.3 checks 4-6): the spooler's version against the minimum, and
 * every component against the deny list. A client may omit an unchanged client-info: the last
 * one it sent is kept and checked again, so a deny-list change applies at once. Operators are
 * alerted of a client refused, and the alert clears once the client passes.
 */
final class ClientSoftwareCheck {
    private final ClientPolicy policy;
    private final OperatorAlerts alerts;
    private final ClientsSeen seen;
    private final Map<String, List<ClientInfo>> kept = new ConcurrentHashMap<>();

    ClientSoftwareCheck(ClientPolicy policy, OperatorAlerts alerts, ClientsSeen seen) {
        this.policy = policy;
        this.alerts = alerts;
        this.seen = seen;
    }

    void check(Credential credential, IppRequest request, IppResponse response) {
        List<ClientInfo> infos = request.operationValues(Types.clientInfo);
        if (infos.size() > 8) {
            throw new IppException(Status.clientErrorRequestValueTooLong, "more than 8 client-info values");
        }
        if (infos.isEmpty()) {
            infos = kept.getOrDefault(credential.name(), List.of());
        } else {
            kept.put(credential.name(), List.copyOf(infos));
        }
        // Is the client's description complete (3-2)? Spoolers must say what they are.
        if (infos.isEmpty() && credential.role() == Role.SPOOLER) {
            throw new IppException(Status.clientErrorBadRequest, "client-info required");
        }
        for (ClientInfo info : infos) {
            Optional<ClientPolicy.Upgrade> upgrade = policy.check(typeOf(info.getClientType()),
                    nonNull(info.getClientName()), nonNull(info.getClientStringVersion()));
            if (upgrade.isPresent()) {
                response.operation().add(upgradeAttribute(upgrade.get()));
                String software = upgrade.get().component() + " " + info.getClientName() + " " + info.getClientStringVersion();
                String must = "must be upgraded" + (upgrade.get().version().isEmpty() ? "" : " to " + upgrade.get().version());
                alerts.clientRefused(credential.name(), software, must);
                heardFrom(credential, infos, software + " " + must);
                throw new IppException(PrintgateTypes.upgradeRequired, software + " " + must);
            }
        }
        alerts.clientAccepted(credential.name());
        heardFrom(credential, infos, "");
    }

    private void heardFrom(Credential credential, List<ClientInfo> infos, String refused) {
        seen.heardFrom(credential.name(), describe(infos, ClientType.application), describe(infos, ClientType.operatingSystem), refused);
    }

    /** The first component of this type, as "name version". */
    private static String describe(List<ClientInfo> infos, ClientType type) {
        return infos.stream().filter(i -> type.equals(i.getClientType()))
                .map(i -> (nonNull(i.getClientName()) + " " + nonNull(i.getClientStringVersion())).trim())
                .findFirst().orElse("");
    }

    private static Attribute<UntypedCollection> upgradeAttribute(ClientPolicy.Upgrade upgrade) {
        List<Attribute<?>> members = new ArrayList<>();
        members.add(PrintgateTypes.upgradeComponent.of(upgrade.component()));
        members.add(PrintgateTypes.upgradeVersion.of(upgrade.version()));
        if (upgrade.uri() != null) {
            members.add(PrintgateTypes.upgradeUri.of(upgrade.uri()));
        }
        if (upgrade.sha256() != null) {
            members.add(PrintgateTypes.upgradeSha256.of(HexFormat.of().parseHex(upgrade.sha256())));
        }
        return PrintgateTypes.upgrade.of(new UntypedCollection(members));
    }

    private static String typeOf(ClientType type) {
        if (type == null) {
            return "other";
        } else if (type.equals(ClientType.application)) {
            return "application";
        } else if (type.equals(ClientType.operatingSystem)) {
            return "operating-system";
        } else if (type.equals(ClientType.driver)) {
            return "driver";
        }
        return "other";
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
