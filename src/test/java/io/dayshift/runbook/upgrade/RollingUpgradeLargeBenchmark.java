package io.dayshift.runbook.upgrade;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A benchmark, not part of {@code ./mvnw verify}: {@code rolling-upgrade} of the LARGE lab topology ({@code lab/large.yaml}:
 * 200 computes in four zones, 4,000 instances) in batches of 10, canary cn001 — or, with {@code -Dbenchmark.computes=1000},
 * of the extra-large one ({@code lab/xlarge.yaml}: 1,000 computes, 20,000 instances; canary cn0001), for the engine's
 * cost as the site grows. What it measures and reports: {@link RollingUpgradeBenchmarkBase}. At the default time factor
 * the ideal of the 200 computes is about 10 minutes:
 *
 * <pre>
 * ./mvnw test -Dtest=RollingUpgradeLargeBenchmark -Dsurefire.failIfNoSpecifiedTests=false                       # 200 computes
 * ./mvnw test -Dtest=RollingUpgradeLargeBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.computes=1000
 * </pre>
 *
 * Its report: {@code target/benchmarks/rolling-upgrade-large.txt} or {@code rolling-upgrade-xlarge.txt}.
 */
class RollingUpgradeLargeBenchmark extends RollingUpgradeBenchmarkBase {

    static final Size SIZE = sizeOf(System.getProperty("benchmark.computes", "200"));

    static Size sizeOf(String computes) {
        return switch (computes.strip()) {
            case "200" -> LARGE;
            case "1000", "1,000" -> XLARGE;
            default -> throw new IllegalArgumentException("benchmark.computes must be 200 (lab/large.yaml) or 1000 (lab/xlarge.yaml), not '" + computes + "'");
        };
    }

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        register(registry, SIZE);
    }

    @Override
    Size size() {
        return SIZE;
    }
}
