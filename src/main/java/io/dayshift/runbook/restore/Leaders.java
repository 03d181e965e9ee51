package io.dayshift.runbook.restore;

import io.dayshift.charm.Application;
import io.dayshift.charm.ModelStatus;
import io.dayshift.charm.Unit;

/** The leader unit of a Juju application: actions that act on the whole application run there. */
final class Leaders {

    private Leaders() {
    }

    static String of(ModelStatus status, String application) {
        return status.application(application).flatMap(Application::leader).map(Unit::name)
                .orElseThrow(() -> new IllegalStateException("model " + status.model() + " has no leader unit of " + application));
    }
}
