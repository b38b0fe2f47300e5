package org.printgate.sim.snmp;

import java.util.function.Supplier;

import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOScalar;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * A read-only scalar whose value is read from the printer at request time instead of stored, so
 * a GET never answers a stale value. snmp4j-agent's {@link MOScalar} reads every value for GET
 * and GETNEXT through {@link #getValue()}.
 */
final class LiveScalar<V extends Variable> extends MOScalar<V> {

    private final Supplier<V> value;

    LiveScalar(OID instance, Supplier<V> value) {
        super(new OID(instance), MOAccessImpl.ACCESS_READ_ONLY, null);
        this.value = value;
    }

    @Override
    public V getValue() {
        return value.get();
    }
}
