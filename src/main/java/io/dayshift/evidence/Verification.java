package io.dayshift.evidence;

import java.util.Optional;

/**
 * The result of recomputing a chain: intact, or the first entry that does not match.
 *
 * @param chain    {@value #RUN} or {@value #SITE}
 * @param id       the run's id or the site's name
 * @param checked  how many entries were recomputed
 * @param mismatch the first entry that does not match; empty when the chain is intact
 */
public record Verification(String chain, String id, long checked, Optional<Mismatch> mismatch) {

    public static final String RUN = "run";
    public static final String SITE = "site";

    /**
     * The first entry that does not match.
     *
     * @param chain {@value Verification#RUN} or {@value Verification#SITE}
     * @param id    the run's id or the site's name
     * @param seq   the entry's place in that chain
     * @param step  the entry's step (BPMN element id), for a run's entry; for a site's, the run it chains
     * @param what  what differs, in words
     */
    public record Mismatch(String chain, String id, long seq, String step, String what) {

        public String describe() {
            return chain + " " + id + ", entry " + seq + (step == null || step.isEmpty() ? "" : " (" + step + ")") + ": " + what;
        }
    }

    public boolean intact() {
        return mismatch.isEmpty();
    }

    public String describe() {
        return mismatch.map(m -> "MISMATCH in " + m.describe()).orElse(chain + " " + id + ": intact, " + checked + " entries");
    }
}
