package io.dayshift.approval;

import io.dayshift.testing.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** Approval rounds on the service's own database (H2). */
@ServiceTest
class ApprovalRoundsTest extends ApprovalRounds {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext service;

    @Override
    protected ApplicationContext service() {
        return service;
    }

    @Override
    protected int port() {
        return port;
    }
}
