package io.dayshift.compute;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * One endpoint of a site's service catalog (of the interface and region the site's clouds.yaml names) and whether
 * it answered a GET on its root: the daily health check's API reachability.
 *
 * @param serviceType the catalog's service type: {@code identity}, {@code compute}, {@code placement}, {@code network}…
 * @param serviceName the catalog's service name: {@code keystone}, {@code nova}…
 * @param url         the endpoint's URL as the catalog gives it
 * @param status      the HTTP status of the answer, empty when there was none (refused, timed out, unresolvable)
 * @param problem     what went wrong when there was no answer ({@code connection refused}, {@code no answer within 10s}…)
 * @param millis      how long the answer took, in milliseconds
 */
public record ApiEndpoint(String serviceType, String serviceName, String url, OptionalInt status, Optional<String> problem, long millis) {

    public ApiEndpoint {
        status = status == null ? OptionalInt.empty() : status;
        problem = problem == null ? Optional.empty() : problem;
    }

    /**
     * The service answered: any status below 500. A version document (200, or 300 "Multiple Choices") and a demand for a
     * token (401) both prove the API is up; 5xx or no answer at all do not.
     */
    public boolean reachable() {
        return status.isPresent() && status.getAsInt() < 500;
    }
}
