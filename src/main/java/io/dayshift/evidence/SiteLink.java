package io.dayshift.evidence;

import java.time.Instant;

/**
 * One entry of a site's chain: run {@code run} ended, and its journal then ended with entry {@code runSeq}, whose hash
 * was {@code runHash}. Linked and sealed as a run's entries are ({@link Chains#hash(SiteLink)}), so that a run's journal
 * cannot be rewritten, nor a run taken out, without the site chain showing it.
 *
 * @param site         the run's site ({@value #NO_SITE} for a run without one)
 * @param seq          its place in the site's chain, from 1
 * @param run          the run that ended
 * @param runbook      its runbook (process key)
 * @param runSeq       the last entry of the run's journal when it ended
 * @param runHash      that entry's hash
 * @param at           when the run ended
 * @param previousHash the hash of the site chain's entry before
 * @param hash         this entry's hash
 */
public record SiteLink(String site, long seq, String run, String runbook, long runSeq, String runHash, Instant at,
                       String previousHash, String hash) {

    public static final String NO_SITE = "-";

    SiteLink sealed(long seq, String previousHash) {
        SiteLink linked = new SiteLink(site, seq, run, runbook, runSeq, runHash, at, previousHash, "");
        return new SiteLink(site, seq, run, runbook, runSeq, runHash, at, previousHash, Chains.hash(linked));
    }
}
