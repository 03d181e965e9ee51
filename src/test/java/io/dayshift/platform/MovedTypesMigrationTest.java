package io.dayshift.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.engine.ProcessVariable;
import io.dayshift.engine.RunLog;
import io.dayshift.engine.RunLog.StepRecords;
import io.dayshift.engine.StepRecord;
import io.dayshift.testing.ServiceTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A run stored before the run log moved from {@code io.dayshift.runbook} to {@code io.dayshift.engine} keeps the old class
 * names as its variables' types; after the start-up migration the engine reads them back as the typed records, in the
 * run and in its history.
 */
@ServiceTest
@ExtendWith(OutputCaptureExtension.class)
class MovedTypesMigrationTest {

    static final StepRecord STEP = new StepRecord("Task_DisableComputeService", "openstack compute service set --disable",
            "compute-01", "disabled", 0, "", Instant.parse("2025-01-02T03:04:05Z"));
    static final StepRecords STEPS = new StepRecords(List.of(STEP));
    static final ProcessVariable<List<StepRecord>> CHECKS = ProcessVariable.list("checks", StepRecord.class);

    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    DataSource dataSource;
    @Autowired
    MovedTypesMigration migration;

    @Test
    void aRunStoredWithTheOldPackageIsReadBackAsTheTypedRecords(CapturedOutput output) throws Exception {
        // given a run whose step log and list of steps an older release stored under io.dayshift.runbook
        String run = startRunWithSteps(runtime);
        int oldRows;
        try (Connection connection = dataSource.getConnection()) {
            oldRows = writeAsAnOldReleaseDid(connection);
        }
        assertThat(oldRows).as("a runtime, a history and a detail row for each of the two variables").isEqualTo(6);
        assertThatThrownBy(() -> runtime.getVariable(run, "steps")).as("the old name is unreadable without the migration")
                .hasMessageContaining("io.dayshift.runbook.RunLog$StepRecords");

        // when the migration runs, as it does at every start
        Map<String, Integer> changed = migration.migrate((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration());

        // then every old row names the new package, the log says how many, and the engine reads the records back
        assertThat(changed).containsExactly(Map.entry("ACT_RU_VARIABLE", 2), Map.entry("ACT_HI_VARINST", 2), Map.entry("ACT_HI_DETAIL", 2));
        assertThat(output.getOut()).contains("Stored runs: 6 variable rows named a class by its old package");
        assertReadBack(runtime, history, run);

        // and a second start finds nothing to change
        assertThat(migration.migrate((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).values())
                .containsOnly(0);
        assertReadBack(runtime, history, run);
    }

    @Test
    void theOperatorDecisionsOfCommissioningBecameEveryRunbooksAndKeepTheirMachine() throws Exception {
        assertThat(MovedTypesMigration.renamed("io.dayshift.runbook.commission.OperatorDecision$Decisions"))
                .isEqualTo("io.dayshift.runbook.OperatorDecision$Decisions");
        // a decision stored by the old record names its machine; the shared record reads it as its target
        io.dayshift.runbook.OperatorDecision.Decisions read = new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules().readValue(
                "{\"decisions\":[{\"machine\":\"new04 (abc123)\",\"decision\":\"retry\",\"note\":\"flaky lshw\",\"decidedBy\":\"olivia\","
                        + "\"decidedAt\":\"2026-12-01T10:00:00Z\"}]}", io.dayshift.runbook.OperatorDecision.Decisions.class);
        assertThat(read.decisions()).singleElement().satisfies(d -> {
            assertThat(d.target()).isEqualTo("new04 (abc123)");
            assertThat(d.decidedBy()).isEqualTo("olivia");
            assertThat(d.step()).isNull();
        });
    }

    @Test
    void theRecordsOfDrRestoreMovedIntoItsRunbookClass() {
        assertThat(MovedTypesMigration.renamed("io.dayshift.runbook.restore.DrRestoreVariables$CompletedSteps"))
                .isEqualTo("io.dayshift.runbook.restore.DrRestore$CompletedSteps");
        assertThat(MovedTypesMigration.renamed("io.dayshift.runbook.restore.DrRestoreVariables$HandOver"))
                .isEqualTo("io.dayshift.runbook.restore.DrRestore$HandOver");
        assertThat(MovedTypesMigration.renamed("io.dayshift.runbook.restore.DrRestoreVariables$UnitList"))
                .isEqualTo("io.dayshift.runbook.restore.DrRestore$UnitList");
    }

    @Test
    void onlyWholeClassNamesAreRenamed() {
        assertThat(MovedTypesMigration.renamed("io.dayshift.runbook.RunLog$StepRecords")).isEqualTo("io.dayshift.engine.RunLog$StepRecords");
        assertThat(MovedTypesMigration.renamed("java.util.ArrayList<io.dayshift.runbook.StepRecord>"))
                .isEqualTo("java.util.ArrayList<io.dayshift.engine.StepRecord>");
        assertThat(MovedTypesMigration.renamed("java.util.HashMap<java.lang.String,io.dayshift.runbook.StepRecord>"))
                .isEqualTo("java.util.HashMap<java.lang.String,io.dayshift.engine.StepRecord>");
        assertThat(MovedTypesMigration.renamed("io.dayshift.runbook.StepRecordSummary")).isEqualTo("io.dayshift.runbook.StepRecordSummary");
        assertThat(MovedTypesMigration.renamed("io.dayshift.runbook.drain.StepRecord")).isEqualTo("io.dayshift.runbook.drain.StepRecord");
        assertThat(MovedTypesMigration.renamed("io.dayshift.runbook.drain.DrainPlan")).isEqualTo("io.dayshift.runbook.drain.DrainPlan");
    }

    /** A run waiting for its approval, with the run log and a list of step records in its variables. */
    static String startRunWithSteps(RuntimeService runtime) {
        String run = runtime.startProcessInstanceByKey("access-check", Map.of("site", "lab")).getId();
        runtime.setVariable(run, RunLog.STEPS.name(), RunLog.STEPS.typed(STEPS));
        runtime.setVariable(run, CHECKS.name(), CHECKS.typed(List.of(STEP)));
        return run;
    }

    /** Writes the type names of the two variables as a release before the move did; returns the rows changed. */
    static int writeAsAnOldReleaseDid(Connection connection) throws SQLException {
        int rows = 0;
        try (Statement statement = connection.createStatement()) {
            for (String table : MovedTypesMigration.TABLES) {
                rows += statement.executeUpdate("UPDATE " + table + " SET TEXT2_ = REPLACE(TEXT2_, 'io.dayshift.engine.', 'io.dayshift.runbook.')"
                        + " WHERE NAME_ IN ('steps', 'checks')");
            }
        }
        return rows;
    }

    static void assertReadBack(RuntimeService runtime, HistoryService history, String run) {
        assertThat(runtime.getVariable(run, "steps")).isEqualTo(STEPS);
        assertThat(runtime.getVariable(run, "checks")).isEqualTo(List.of(STEP));
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(run).variableName("steps").singleResult().getValue())
                .isEqualTo(STEPS);
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(run).variableName("checks").singleResult().getValue())
                .isEqualTo(List.of(STEP));
        List<HistoricDetail> updates = history.createHistoricDetailQuery().processInstanceId(run).variableUpdates().list();
        assertThat(updates.stream().map(HistoricVariableUpdate.class::cast).filter(u -> List.of("steps", "checks").contains(u.getVariableName()))
                .map(HistoricVariableUpdate::getValue)).containsExactlyInAnyOrder(STEPS, List.of(STEP));
    }
}
