package io.dayshift.lab.model;

/**
 * A lab operation refused: the API in front of the model maps {@link Kind} to its protocol (404, 409, 400), with this
 * message, written the way the real service words it.
 */
public class LabException extends RuntimeException {

    public enum Kind { NOT_FOUND, CONFLICT, BAD_REQUEST }

    private final Kind kind;

    public LabException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static LabException notFound(String message) {
        return new LabException(Kind.NOT_FOUND, message);
    }

    static LabException conflict(String message) {
        return new LabException(Kind.CONFLICT, message);
    }

    static LabException badRequest(String message) {
        return new LabException(Kind.BAD_REQUEST, message);
    }
}
