package org.printgate.sim.snmp;

import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snmp4j.agent.mo.snmp.CoexistenceInfo;
import org.snmp4j.agent.mo.snmp.CoexistenceInfoProvider;
import org.snmp4j.agent.security.VACM;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

/**
 * The access rules of one printer's agent: SNMPv1/v2c requests carrying its community may read
 * every object and write none; any other community is dropped without an answer.
 * <p>
 * This stands in for the SNMP-COMMUNITY-MIB (RFC 3584 section 5.3, community to security name
 * and context) and the VACM tables (RFC 3415) that a full snmp4j-agent {@code BaseAgent} keeps
 * per agent: two fixed answers are all a simulated printer needs, and 500 printers do not each
 * need a set of configuration tables. snmp4j-agent's {@code CommandProcessor} asks the
 * {@link CoexistenceInfoProvider} half for the community and the {@link VACM} half for the views.
 */
final class ReadOnlyCommunity implements CoexistenceInfoProvider, VACM {

    private static final Logger log = LoggerFactory.getLogger(ReadOnlyCommunity.class);

    private static final OctetString READ_VIEW = new OctetString("all");
    private static final OctetString WRITE_VIEW = new OctetString("none");

    private final String printerName;
    private final OctetString community;
    private final OctetString contextEngineId;

    ReadOnlyCommunity(String printerName, String community, OctetString contextEngineId) {
        this.printerName = printerName;
        this.community = new OctetString(community.getBytes(StandardCharsets.UTF_8));
        this.contextEngineId = contextEngineId;
    }

    @Override
    public CoexistenceInfo[] getCoexistenceInfo(OctetString requestCommunity) {
        // Known community? Then the security name is the community and the context the default one.
        if (!community.equals(requestCommunity)) {
            log.debug("SNMP request to printer '{}' dropped: unknown community", printerName);
            return null;
        }
        return new CoexistenceInfo[] {new CoexistenceInfo(community, contextEngineId, new OctetString())};
    }

    @Override
    public OctetString getCommunity(OctetString securityName, OctetString contextEngineID,
                                    OctetString contextName) {
        return community;
    }

    @Override
    public boolean passesFilter(Address address, CoexistenceInfo coexistenceInfo) {
        return true;
    }

    @Override
    public int isAccessAllowed(OctetString context, OctetString securityName, int securityModel,
                               int securityLevel, int viewType, OID oid) {
        return viewType == VIEW_READ ? VACM_OK : VACM_NOT_IN_VIEW;
    }

    @Override
    public int isAccessAllowed(OctetString viewName, OID oid) {
        return READ_VIEW.equals(viewName) ? VACM_OK : VACM_NOT_IN_VIEW;
    }

    @Override
    public OctetString getViewName(OctetString context, OctetString securityName, int securityModel,
                                   int securityLevel, int viewType) {
        // An empty write view makes a SET fail with noAccess (noSuchName in SNMPv1, RFC 3584 4.4).
        return viewType == VIEW_READ ? READ_VIEW : WRITE_VIEW;
    }
}
