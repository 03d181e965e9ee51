package io.dayshift.kolla;

/** One host's line of the PLAY RECAP. */
public record HostRecap(String host, int ok, int changed, int unreachable, int failed, int skipped, int rescued, int ignored) {

    /** Failed a task or could not be reached. */
    public boolean troubled() {
        return failed > 0 || unreachable > 0;
    }
}
