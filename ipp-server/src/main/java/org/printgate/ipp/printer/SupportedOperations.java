package org.printgate.ipp.printer;

import com.hp.jipp.model.Operation;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.printgate.ipp.OperationTable;

/**
 * The operations a printer supports (RFC 8011 §5.4.15 operations-supported): every code of its
 * operation tables, less any it is made to refuse.
 *
 * @param codes the operation codes, for {@link org.printgate.ipp.IppService#supportedOperations()}
 */
public record SupportedOperations(Set<Integer> codes) {

    public SupportedOperations {
        codes = Set.copyOf(codes);
    }

    /** The operations of {@code tables} together. */
    public static SupportedOperations of(OperationTable<?>... tables) {
        Set<Integer> codes = new HashSet<>();
        for (OperationTable<?> table : tables) {
            codes.addAll(table.codes());
        }
        return new SupportedOperations(codes);
    }

    /** These operations without those named (as "Print-Job" or "print-job") in {@code names}. */
    public SupportedOperations without(Collection<String> names) {
        Set<Integer> kept = new HashSet<>(codes);
        for (String name : names) {
            kept.removeIf(code -> Operation.Companion.get(code).getName().equalsIgnoreCase(name));
        }
        return new SupportedOperations(kept);
    }

    /** operations-supported, in ascending code order. */
    public List<Operation> operations() {
        return codes.stream().sorted().map(Operation.Companion::get).toList();
    }
}
