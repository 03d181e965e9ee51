package io.dayshift.approval;

import io.dayshift.testing.LabTests;
import io.dayshift.testing.PostgresService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The same approval rounds on a real PostgreSQL, through the {@code postgres} profile. */
class ApprovalRoundsPostgresTest extends ApprovalRounds {

    @RegisterExtension
    static final PostgresService POSTGRES = new PostgresService();

    private ConfigurableApplicationContext service;
    private int port;

    @BeforeAll
    void startTheService() {
        port = LabTests.freePort();
        service = POSTGRES.start("--server.port=" + port,
                "--dayshift.approvals.approval-pair.required=2",
                "--dayshift.approvals.approval-pair.groups=approvers,change-board",
                "--camunda.bpm.job-execution.enabled=false");
    }

    @AfterAll
    void stopTheService() {
        if (service != null) {
            service.close();
        }
    }

    @Override
    protected ApplicationContext service() {
        return service;
    }

    @Override
    protected int port() {
        return port;
    }
}
