package io.dayshift.runbook.upgrade;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A benchmark, not part of {@code ./mvnw verify}: {@code rolling-upgrade} of the MEDIUM lab topology ({@code lab/medium.yaml}:
 * 20 computes in two zones, 300 instances) in batches of 5, canary cn001; what it measures and reports:
 * {@link RollingUpgradeBenchmarkBase}. A few minutes at the default time factor:
 *
 * <pre>./mvnw test -Dtest=RollingUpgradeSmallBenchmark -Dsurefire.failIfNoSpecifiedTests=false [-Dbenchmark.time-factor=0.01]</pre>
 *
 * Its report: {@code target/benchmarks/rolling-upgrade-small.txt}.
 */
class RollingUpgradeSmallBenchmark extends RollingUpgradeBenchmarkBase {

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        register(registry, SMALL);
    }

    @Override
    Size size() {
        return SMALL;
    }
}
