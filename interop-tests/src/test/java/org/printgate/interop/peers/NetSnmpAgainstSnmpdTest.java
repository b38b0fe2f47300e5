package org.printgate.interop.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.testing.peers.FreePort;

/** snmpget and snmpwalk, as wrapped by NetSnmp, against net-snmp's own agent. */
class NetSnmpAgainstSnmpdTest {

    private static final String SYS_UP_TIME = ".1.3.6.1.2.1.1.3.0";
    private static final String SYS_LOCATION = ".1.3.6.1.2.1.1.6.0";
    private static final String IF_DESCR = ".1.3.6.1.2.1.2.2.1.2";

    @RegisterExtension
    static final PrivateSnmpd snmpd = PrivateSnmpd.create();

    @Test
    void getsAnOctetStringAsTextAndATimeticksAsNumber() {
        Map<String, NetSnmp.Value> values = NetSnmp.get(snmpd.hostPort(), List.of(SYS_LOCATION, SYS_UP_TIME));

        assertThat(values.get(SYS_LOCATION).type()).isEqualTo("Hex-STRING");
        assertThat(values.get(SYS_LOCATION).text()).isEqualTo(PrivateSnmpd.LOCATION);
        assertThat(values.get(SYS_UP_TIME).type()).isEqualTo("Timeticks");
        assertThat(values.get(SYS_UP_TIME).asLong()).isNotNegative();
    }

    @Test
    void getOfAnObjectTheAgentLacksIsEmpty() {
        assertThat(NetSnmp.get(snmpd.hostPort(), "1.3.6.1.2.1.43.10.2.1.4.1.1")).isEmpty();
    }

    @Test
    void walksATableInOrder() {
        Map<String, NetSnmp.Value> system = NetSnmp.walk(snmpd.hostPort(), "1.3.6.1.2.1.1");
        Map<String, NetSnmp.Value> interfaces = NetSnmp.walk(snmpd.hostPort(), IF_DESCR);

        assertThat(system).containsKeys(SYS_UP_TIME, SYS_LOCATION);
        assertThat(system.keySet().iterator().next()).isEqualTo(".1.3.6.1.2.1.1.1.0");
        assertThat(interfaces.keySet()).allMatch(oid -> oid.startsWith(IF_DESCR + "."));
        assertThat(interfaces.values()).extracting(NetSnmp.Value::text).contains("lo");
    }

    @Test
    void anAgentThatDoesNotAnswerFailsLoudly() {
        assertThatThrownBy(() -> NetSnmp.get("127.0.0.1:" + FreePort.udp(), SYS_LOCATION))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Timeout");
    }
}
