package io.dayshift.adapter.openstack;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code dayshift.adapters.openstack.*}.
 *
 * @param connectTimeout     TCP connect timeout of every HTTP request
 * @param readTimeout        handed to openstack4j as its read timeout; with its RESTEasy connector this
 *                           only bounds waiting for a pooled connection, so {@code callTimeout} is what
 *                           really bounds a call
 * @param callTimeout        deadline of one port call (which may be several HTTP requests, e.g. all pages)
 * @param tokenRenewalMargin a token that expires within this margin is renewed before the next call
 * @param pageSize           {@code limit} of paginated listings (servers, hypervisors)
 */
@Validated
@ConfigurationProperties("dayshift.adapters.openstack")
record OpenStackProperties(
        @NotNull @DefaultValue("10s") Duration connectTimeout,
        @NotNull @DefaultValue("60s") Duration readTimeout,
        @NotNull @DefaultValue("120s") Duration callTimeout,
        @NotNull @DefaultValue("5m") Duration tokenRenewalMargin,
        @Min(1) @Max(1000) @DefaultValue("200") int pageSize) {

    static OpenStackProperties defaults() {
        return new OpenStackProperties(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(120),
                Duration.ofMinutes(5), 200);
    }

    int connectTimeoutMillis() {
        return Math.toIntExact(connectTimeout.toMillis());
    }

    int readTimeoutMillis() {
        return Math.toIntExact(readTimeout.toMillis());
    }
}
