package io.dayshift.engine;

/**
 * The database's schema is missing or older than this release needs, on a database whose schema only the explicit
 * schema step changes: the start stops, naming the step to run.
 */
public class SchemaNotReadyException extends RuntimeException {

    /** The step that creates or updates the schema, as an operator runs it. */
    public static final String STEP = "java -jar dayshift.jar schema";

    public SchemaNotReadyException(String problem) {
        super("The database schema is not ready for this release: " + problem + ". Run the schema step once (" + STEP
                + " with this node's database settings; in the cluster compose file, the 'schema' service), then start the node again");
    }
}
