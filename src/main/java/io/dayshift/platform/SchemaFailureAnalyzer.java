package io.dayshift.platform;

import io.dayshift.engine.SchemaNotReadyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start stopped because the schema step has not run: one message naming the step, instead of a page of stack traces. */
class SchemaFailureAnalyzer extends AbstractFailureAnalyzer<SchemaNotReadyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SchemaNotReadyException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Run the schema step once against this database: " + SchemaNotReadyException.STEP
                        + " with the same database settings (DAYSHIFT_DB_URL, DAYSHIFT_DB_USER, DAYSHIFT_DB_PASSWORD and "
                        + "SPRING_PROFILES_ACTIVE=postgres); in docker/compose.cluster.yaml it is the service 'schema', which the "
                        + "nodes wait for. Then start the node again.", cause);
    }
}
