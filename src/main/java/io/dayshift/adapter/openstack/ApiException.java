package io.dayshift.adapter.openstack;

/** An HTTP error answer to one of our own requests; {@link OpenStackCalls} turns it into a ComputeCloudException with context. */
final class ApiException extends RuntimeException {

    private final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
