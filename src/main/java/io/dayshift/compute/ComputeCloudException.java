package io.dayshift.compute;

import java.util.OptionalInt;

/**
 * An OpenStack call failed or was refused. The message names the site, the host or server and the
 * operation, and carries the cloud's own message with every known secret masked.
 */
public class ComputeCloudException extends RuntimeException {

    private final int httpStatus;

    public ComputeCloudException(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    public ComputeCloudException(String message, int httpStatus) {
        this(message, httpStatus, null);
    }

    /** The HTTP status the cloud answered with, if it answered at all. */
    public OptionalInt httpStatus() {
        return httpStatus > 0 ? OptionalInt.of(httpStatus) : OptionalInt.empty();
    }
}
