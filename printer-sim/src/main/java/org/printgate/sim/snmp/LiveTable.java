package org.printgate.sim.snmp;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.snmp4j.agent.MOScope;
import org.snmp4j.agent.mo.DefaultMOMutableTableModel;
import org.snmp4j.agent.mo.DefaultMOTable;
import org.snmp4j.agent.mo.DefaultMOTableRow;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.agent.mo.MOTableIndex;
import org.snmp4j.agent.mo.MOTableSubIndex;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;

/**
 * A read-only conceptual table (RFC 2578 section 7.1.12) whose rows are rebuilt from the printer
 * once per request, so rows that come and go (supplies, trays, alerts) are walked as they are now.
 * <p>
 * {@link DefaultMOTable} calls {@link #update(MOScope)} once per request and table, before a GET,
 * GETNEXT or GETBULK reads it (it marks the request as updated); all varbinds of one request see
 * the same rows. Requests of one printer arrive on its one UDP listen thread, so no two updates
 * of a table run at once.
 *
 * @param <T> what one row is made of, e.g. a {@link PrinterMibSource.Supply}
 */
@SuppressWarnings("rawtypes")
final class LiveTable<T> extends DefaultMOTable<DefaultMOTableRow, MOColumn,
        DefaultMOMutableTableModel<DefaultMOTableRow>> {

    /** A readable column: its sub-identifier under the entry, SMI syntax and value for a row. */
    record Column<T>(int id, int syntax, Function<T, ? extends Variable> value) {
    }

    /** The index of a row, from the row's item and its 1-based position in the list. */
    @FunctionalInterface
    interface RowIndex<T> {
        OID of(T item, int position);
    }

    private final Supplier<? extends List<? extends T>> items;
    private final RowIndex<T> index;
    private final List<Column<T>> columns;

    /**
     * @param entry the table's entry OID, e.g. prtMarkerSuppliesEntry
     * @param indexLength how many INTEGER sub-indexes a row has (hrDeviceIndex, prtMarkerSuppliesIndex: 2)
     * @param columns readable columns in ascending id order
     */
    LiveTable(OID entry, int indexLength, Supplier<? extends List<? extends T>> items, RowIndex<T> index,
              List<Column<T>> columns) {
        super(new OID(entry), integerIndex(indexLength), moColumns(columns),
                new DefaultMOMutableTableModel<>());
        this.items = items;
        this.index = index;
        this.columns = List.copyOf(columns);
        model.setColumnCount(columns.size());
    }

    @Override
    public void update(MOScope updateScope) {
        // Read the printer first, then swap the rows in one step under the model's lock.
        List<? extends T> current = items.get();
        DefaultMOTableRow[] rows = new DefaultMOTableRow[current.size()];
        for (int i = 0; i < rows.length; i++) {
            T item = current.get(i);
            Variable[] values = new Variable[columns.size()];
            for (int c = 0; c < values.length; c++) {
                values[c] = columns.get(c).value().apply(item);
            }
            rows[i] = new DefaultMOTableRow(index.of(item, i + 1), values);
        }
        synchronized (model) {
            model.clear();
            for (DefaultMOTableRow row : rows) {
                model.addRow(row);
            }
        }
    }

    private static MOTableIndex integerIndex(int length) {
        MOTableSubIndex[] subIndexes = new MOTableSubIndex[length];
        for (int i = 0; i < length; i++) {
            subIndexes[i] = new MOTableSubIndex(SMIConstants.SYNTAX_INTEGER);
        }
        return new MOTableIndex(subIndexes);
    }

    private static MOColumn[] moColumns(List<? extends Column<?>> columns) {
        MOColumn[] moColumns = new MOColumn[columns.size()];
        for (int i = 0; i < moColumns.length; i++) {
            Column<?> column = columns.get(i);
            moColumns[i] = new MOColumn<>(column.id(), column.syntax(), MOAccessImpl.ACCESS_READ_ONLY);
        }
        return moColumns;
    }
}
