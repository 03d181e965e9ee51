package io.dayshift.access;

import io.dayshift.testing.LabTests;
import io.dayshift.testing.PostgresService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The same bypass matrix on a real PostgreSQL, through the {@code postgres} profile, with the lab switched on. */
class ApprovalBypassMatrixPostgresTest extends ApprovalBypassMatrix {

    @RegisterExtension
    static final PostgresService POSTGRES = new PostgresService();

    private ConfigurableApplicationContext service;
    private int port;

    /** Started on first use: the matrix's own set-up (a superclass's {@code @BeforeAll}) runs before any of this class. */
    private void startTheService() {
        port = LabTests.freePort();
        service = POSTGRES.start("--server.port=" + port,
                "--dayshift.lab.enabled=true",
                "--dayshift.lab.directory=" + LabTests.tempDirectory("ApprovalBypassMatrixPostgresTest-"),
                "--dayshift.lab.time-factor=0.01",
                "--dayshift.lab.sites.lab=lab/drain-kolla.yaml",
                "--dayshift.lab.sites.lab-charmed=lab/small-charmed.yaml",
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
        if (service == null) {
            startTheService();
        }
        return service;
    }

    @Override
    protected int port() {
        service();
        return port;
    }
}
