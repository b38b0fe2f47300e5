package org.printgate.ipp.printer;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.model.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.printgate.ipp.OperationTable;

class SupportedOperationsTest {
    private final OperationTable<Object> printer = OperationTable.builder()
            .on(Operation.getPrinterAttributes, (target, request, response) -> { })
            .on(Operation.printJob, (target, request, response) -> { })
            .build();
    private final OperationTable<Object> job = OperationTable.builder()
            .on(Operation.cancelJob, (target, request, response) -> { })
            .build();

    @Test
    void listsTheOperationsOfAllTablesInAscendingOrder() {
        SupportedOperations supported = SupportedOperations.of(printer, job);

        assertThat(supported.operations()).containsExactly(Operation.printJob, Operation.cancelJob,
                Operation.getPrinterAttributes);
        assertThat(supported.codes()).containsExactlyInAnyOrder(0x02, 0x08, 0x0B);
    }

    @Test
    void leavesOutTheOperationsNamedInAnyCase() {
        assertThat(SupportedOperations.of(printer, job).without(List.of("print-job", "Cancel-Job")).operations())
                .containsExactly(Operation.getPrinterAttributes);
    }
}
