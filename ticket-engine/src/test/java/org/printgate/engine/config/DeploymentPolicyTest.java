package org.printgate.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which queues a workstation shows (engine-demo.yaml's deployment block, docs/ticket-protocol.md §6.10). */
class DeploymentPolicyTest {
    @Test
    void theDemoShowsItsSpoolerEveryQueueAndFinanceTheQueuesOfBuildingB() {
        EngineConfig demo = EngineConfig.demo();
        DeploymentPolicy policy = demo.deployment();
        for (EngineConfig.PrinterConfig printer : demo.printers()) {
            assertThat(policy.shows("demo-spooler", "alice@demo", List.of(), printer.name(), printer.groups(), printer.location()))
                    .as(printer.name()).isTrue();
        }
        // Another workstation: only the finance rule can apply, and only to finance's members.
        assertThat(policy.shows("ws-7", "bob@demo", List.of("finance"), "slow-small", List.of(), "Building B, reception")).isTrue();
        assertThat(policy.shows("ws-7", "bob@demo", List.of("finance"), "office-color", List.of("building-a"), "Building A")).isFalse();
        // No rule applies to carol on ws-7: the default, all.
        assertThat(policy.shows("ws-7", "carol@demo", List.of("staff"), "office-color", List.of("building-a"), "Building A")).isTrue();
    }

    @Test
    void everyKeyOfARuleMustMatchAndNoneShowsNothingElse() throws Exception {
        DeploymentPolicy policy = EngineYaml.onLoopback("""
                deployment:
                  show: none
                  rules:
                    - {workstations: [ws-fin-*], users: ["*@corp"], user-groups: [finance], queues: [fin-color]}
                """).deployment();

        assertThat(policy.shows("ws-fin-3", "ann@CORP", List.of("staff", "finance"), "fin-color", List.of(), "")).isTrue();
        assertThat(policy.shows("ws-fin-3", "ann@corp", List.of("staff"), "fin-color", List.of(), "")).isFalse();
        assertThat(policy.shows("ws-hr-1", "ann@corp", List.of("finance"), "fin-color", List.of(), "")).isFalse();
        assertThat(policy.shows("ws-fin-3", null, List.of("finance"), "fin-color", List.of(), "")).isFalse();
        assertThat(policy.shows("ws-fin-3", "ann@corp", List.of("finance"), "lobby", List.of(), "")).isFalse();
    }

    @Test
    void aRuleThatShowsNothingStopsTheStart() {
        assertThatThrownBy(() -> EngineYaml.onLoopback("""
                deployment:
                  rules:
                    - {users: ["*@corp"]}
                """)).isInstanceOf(JsonMappingException.class).hasMessageContaining("deployment.rules[0]");
    }
}
