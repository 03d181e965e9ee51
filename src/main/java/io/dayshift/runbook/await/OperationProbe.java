package io.dayshift.runbook.await;

import io.dayshift.site.Site;
import io.dayshift.site.Sites;

/**
 * Looks at one kind of long operation through a port, without changing anything: a probe only reads, so a retried look
 * is harmless. Each probe is a Spring bean; {@code await-operation} chooses it by {@link Operation#kind()}.
 */
public abstract class OperationProbe {

    private final String kind;
    private final String system;
    private final Sites sites;

    /**
     * @param kind   the kind of operation this probe looks at, e.g. {@code kolla-run}
     * @param system the external system it asks, which names the retry profile of a look ({@code dayshift.retries.<system>})
     */
    protected OperationProbe(String kind, String system, Sites sites) {
        this.kind = kind;
        this.system = system;
        this.sites = sites;
    }

    public final String kind() {
        return kind;
    }

    public final String system() {
        return system;
    }

    /** One look. Technical trouble (the site cannot be reached) is an exception: the look is retried, then an incident. */
    public final Look look(Operation operation) {
        return look(operation, sites.require(operation.site()));
    }

    /** One look at the operation on its site. */
    protected abstract Look look(Operation operation, Site site);
}
