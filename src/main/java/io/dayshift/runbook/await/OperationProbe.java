package io.dayshift.runbook.await;

/**
 * Looks at one kind of long operation through a port, without changing anything: a probe only reads, so a retried look
 * is harmless. Each probe is a Spring bean; {@code await-operation} chooses it by {@link Operation#kind()}.
 */
public interface OperationProbe {

    /** The kind of operation this probe looks at, e.g. {@code kolla-run}. */
    String kind();

    /** The external system it asks, which names the retry profile of the look ({@code dayshift.retries.<system>}). */
    String system();

    /** One look. Technical trouble (the site cannot be reached) is an exception: the look is retried, then an incident. */
    Look look(Operation operation);
}
