package io.dayshift.testing;

import io.dayshift.lab.LabSites;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every {@link RunbookEndToEndTest} works with: the service's port, its users and the lab's sites, and REST clients
 * that call the service as a user or as the administrator. A runbook's end-to-end test extends it.
 */
public abstract class EndToEndFixture {

    /** The administrator's password in the {@code test} profile. */
    private static final String ADMIN_PASSWORD = "test-admin-password";

    @LocalServerPort
    protected int port;
    @Autowired
    protected IdentityService identity;
    @Autowired
    protected LabSites lab;

    /** A client that calls the service as the user, whom it first creates (with the test password) in the given groups. */
    protected Http user(String id, String... groups) {
        Users.ensure(identity, id, groups);
        return Http.as(port, id, Users.PASSWORD);
    }

    /** A client that calls the service as its administrator. */
    protected Http admin() {
        return Http.as(port, "admin", ADMIN_PASSWORD);
    }
}
