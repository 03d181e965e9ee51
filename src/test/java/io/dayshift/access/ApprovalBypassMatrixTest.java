package io.dayshift.access;

import io.dayshift.testing.RunbookEndToEndTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The bypass matrix on the service's own database (H2), with the lab and without the job executor. */
@RunbookEndToEndTest
class ApprovalBypassMatrixTest extends ApprovalBypassMatrix {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext service;

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        registry.add("dayshift.lab.sites.lab", () -> "lab/drain-kolla.yaml");
        registry.add("dayshift.lab.sites.lab-charmed", () -> "lab/small-charmed.yaml");
        registry.add("camunda.bpm.job-execution.enabled", () -> "false");
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
