package io.dayshift.machine;

import java.util.List;

/**
 * How to commission a machine.
 *
 * @param commissioningScripts extra commissioning scripts (names or tags) to run besides MAAS's built-in ones
 * @param testingScripts       testing scripts (names or tags) to run after commissioning; empty means MAAS's default
 * @param skipTesting          run no testing scripts at all ({@code testing_scripts=none})
 */
public record CommissionOptions(List<String> commissioningScripts, List<String> testingScripts, boolean skipTesting) {

    public CommissionOptions {
        commissioningScripts = commissioningScripts == null ? List.of() : List.copyOf(commissioningScripts);
        testingScripts = testingScripts == null ? List.of() : List.copyOf(testingScripts);
        if (skipTesting && !testingScripts.isEmpty()) {
            throw new IllegalArgumentException("either name testing scripts or skip testing, not both");
        }
    }

    /** MAAS's default commissioning and testing scripts. */
    public static CommissionOptions defaults() {
        return new CommissionOptions(List.of(), List.of(), false);
    }

    public static CommissionOptions withTests(List<String> testingScripts) {
        return new CommissionOptions(List.of(), testingScripts, false);
    }

    public static CommissionOptions withoutTests() {
        return new CommissionOptions(List.of(), List.of(), true);
    }
}
