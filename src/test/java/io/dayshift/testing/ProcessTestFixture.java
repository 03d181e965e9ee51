package io.dayshift.testing;

import io.dayshift.lab.LabSites;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every {@link RunbookProcessTest} works with: the service's port, the engine's services, the lab's sites and
 * {@link Runbooks}. A runbook's process test extends it and adds only what is its own (users, ports, settings).
 */
public abstract class ProcessTestFixture {

    @LocalServerPort
    protected int port;
    @Autowired
    protected Runbooks runbooks;
    @Autowired
    protected RuntimeService runtime;
    @Autowired
    protected TaskService tasks;
    @Autowired
    protected ManagementService management;
    @Autowired
    protected HistoryService history;
    @Autowired
    protected IdentityService identity;
    @Autowired
    protected RepositoryService repository;
    @Autowired
    protected LabSites lab;
}
