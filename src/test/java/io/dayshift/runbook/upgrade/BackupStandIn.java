package io.dayshift.runbook.upgrade;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A stand-in for the {@code backup-site} runbook while it is built elsewhere: same key, same contract (in {@code site},
 * {@code scope}; out {@code backupId}, {@code backupComplete}, {@code summary}), deployed by the test only when no
 * {@code backup-site} model is deployed. Tests choose whether the backup completes.
 */
public class BackupStandIn {

    static final String BACKUP_ID = "backup-standin-20250602";

    private volatile boolean complete = true;

    public boolean complete() {
        return complete;
    }

    public String id() {
        return BACKUP_ID;
    }

    void complete(boolean value) {
        complete = value;
    }

    void deployIfMissing(ProcessEngine engine) {
        if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(RollingUpgradeIds.BACKUP_KEY).count() > 0) {
            return;
        }
        BpmnModelInstance model = Bpmn.createExecutableProcess(RollingUpgradeIds.BACKUP_KEY).camundaHistoryTimeToLive(1)
                .startEvent("StartEvent_BackupRequested")
                .endEvent("EndEvent_BackupTaken")
                .camundaExecutionListenerExpression("start", "${execution.setVariable('backupId', backupStandIn.id())}")
                .camundaExecutionListenerExpression("start", "${execution.setVariable('backupComplete', backupStandIn.complete())}")
                .camundaExecutionListenerExpression("start", "${execution.setVariable('summary', 'stand-in backup of '.concat(site).concat(' (').concat(scope).concat(')'))}")
                .done();
        engine.getRepositoryService().createDeployment().name("backup-site stand-in (test)").addModelInstance("backup-site.bpmn", model).deploy();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Configuration {

        @Bean
        BackupStandIn backupStandIn() {
            return new BackupStandIn();
        }
    }
}
