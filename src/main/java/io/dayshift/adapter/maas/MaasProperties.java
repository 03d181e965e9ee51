package io.dayshift.adapter.maas;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code dayshift.adapters.maas.*}: how Dayshift talks to MAAS region APIs (the same for every site).
 *
 * @param connectTimeout  TCP/TLS connect timeout
 * @param requestTimeout  whole-request timeout; a power query waits on the BMC for up to 60 s
 * @param maxAttempts     tries of one call while MAAS answers 503 (1 = no retry)
 * @param retryBackoff    wait before the second try, growing linearly, when MAAS sends no Retry-After
 * @param maxRetryDelay   upper bound of any wait between tries, whatever Retry-After says
 * @param outputTailChars how much of the end of a failed script's output is kept for the operator
 */
@Validated
@ConfigurationProperties("dayshift.adapters.maas")
record MaasProperties(
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("75s") Duration requestTimeout,
        @DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
        @DefaultValue("2s") Duration retryBackoff,
        @DefaultValue("15s") Duration maxRetryDelay,
        @DefaultValue("4000") @Min(0) int outputTailChars) {

    MaasProperties {
        requirePositive("connect-timeout", connectTimeout);
        requirePositive("request-timeout", requestTimeout);
        requireNotNegative("retry-backoff", retryBackoff);
        requireNotNegative("max-retry-delay", maxRetryDelay);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("dayshift.adapters.maas.max-attempts must be at least 1");
        }
        if (outputTailChars < 0) {
            throw new IllegalArgumentException("dayshift.adapters.maas.output-tail-chars must not be negative");
        }
    }

    static MaasProperties defaults() {
        return new MaasProperties(Duration.ofSeconds(10), Duration.ofSeconds(75), 3, Duration.ofSeconds(2), Duration.ofSeconds(15), 4000);
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("dayshift.adapters.maas." + key + " must be a positive duration");
        }
    }

    private static void requireNotNegative(String key, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException("dayshift.adapters.maas." + key + " must not be negative");
        }
    }
}
