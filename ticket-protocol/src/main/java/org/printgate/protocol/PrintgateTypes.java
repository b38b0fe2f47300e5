package org.printgate.protocol;

import com.hp.jipp.encoding.IntType;
import com.hp.jipp.encoding.KeywordType;
import com.hp.jipp.encoding.NameType;
import com.hp.jipp.encoding.UriType;

/** Printgate's vendor attributes (docs/ticket-protocol.md §8.2), with jipp types. */
public final class PrintgateTypes {
    private PrintgateTypes() {}

    /** The printer's own address; its scheme is the mechanism (ipp, ipps, socket). */
    public static final UriType deviceUri = new UriType("printgate-device-uri");
    /** Where the watch reads the printer's Printer MIB (RFC 4088 snmp:// URI); operators only. */
    public static final UriType snmpUri = new UriType("printgate-snmp-uri");
    /** Seconds left to confirm a go-ahead. */
    public static final IntType grantLease = new IntType("printgate-grant-lease");
    public static final IntType maxJobs = new IntType("printgate-max-jobs");
    public static final IntType maxKOctets = new IntType("printgate-max-k-octets");
    public static final IntType grantedJobs = new IntType("printgate-granted-jobs");
    public static final IntType grantedKOctets = new IntType("printgate-granted-k-octets");
    /** Queues a refused user may print on instead (3-9, 7-13). */
    public static final UriType.Set allowedPrinters = new UriType.Set("printgate-allowed-printers");
    public static final NameType.Set allowedUsers = new NameType.Set("printgate-allowed-users");
    /** Status 0x0480: client, driver or OS must be upgraded before a ticket is given (3-11, 3-13). */
    public static final com.hp.jipp.model.Status upgradeRequired =
            new com.hp.jipp.model.Status(0x0480, "printgate-upgrade-required");
    /** What to upgrade (§8.2): component, version, uri, sha256. */
    public static final com.hp.jipp.encoding.UntypedCollection.Type upgrade =
            new com.hp.jipp.encoding.UntypedCollection.Type("printgate-upgrade");
    public static final KeywordType upgradeComponent = new KeywordType("component");
    public static final com.hp.jipp.encoding.TextType upgradeVersion = new com.hp.jipp.encoding.TextType("version");
    public static final UriType upgradeUri = new UriType("uri");
    public static final com.hp.jipp.encoding.OctetsType upgradeSha256 = new com.hp.jipp.encoding.OctetsType("sha256");

    /**
     * Get-Printers operation attribute: true lists only the queues the engine's deployment policy
     * shows this workstation and user (§6.10); in a Get-Printer-Attributes answer, whether it shows
     * this queue. A queue not shown still takes jobs.
     */
    public static final com.hp.jipp.encoding.BooleanType deployed = new com.hp.jipp.encoding.BooleanType("printgate-deployed");
    /** The OS groups of the user named by requesting-user-name, as the workstation knows them: the deployment policy's user-groups. */
    public static final NameType.Set userGroups = new NameType.Set("printgate-user-groups");

    /** The engine's timers in seconds (§10): confirm, stall, fail, poll-hold. */
    public static final com.hp.jipp.encoding.UntypedCollection.Type timeouts =
            new com.hp.jipp.encoding.UntypedCollection.Type("printgate-timeouts");

    // job-state-reasons keywords of our own (§8.3): no registered keyword says these.
    /** A go-ahead taken back unconfirmed: the ticket is set aside until its holder shows life. */
    public static final String goAheadExpired = "printgate-go-ahead-expired";
    /** Heartbeats missing (claim 2): the job stalled, or failed for it. */
    public static final String heartbeatLost = "printgate-heartbeat-lost";
    /** The details of an incoming ticket never came within the engine's incoming time (§10). */
    public static final String incomingExpired = "printgate-incoming-expired";

    /**
     * Whether a device credential is bound to the queue, so its printer reports its own firmware and
     * state over Update-Output-Device-Attributes (docs/firmware.md §1, §4); operators only.
     */
    public static final com.hp.jipp.encoding.BooleanType firmwareManaged =
            new com.hp.jipp.encoding.BooleanType("printgate-firmware-managed");

    /** Printgate-Move-Job (§6.9, §8.1): no registered operation moves a job between printers. */
    public static final com.hp.jipp.model.Operation moveJob = new com.hp.jipp.model.Operation(0x4100, "Printgate-Move-Job");

}
