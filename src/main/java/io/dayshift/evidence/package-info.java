/**
 * The evidence journal of runs: what each run did, written where it happened, tamper-evident, append-only.
 *
 * <p><b>Writing.</b> Adapters record each call that reaches a site through the port {@link io.dayshift.evidence.Journal}
 * ({@link io.dayshift.evidence.Call}); approvals, operator decisions and calendar overrides through
 * {@link io.dayshift.evidence.DecisionJournal} ({@link io.dayshift.evidence.Decision}); failed jobs, incidents and run ends
 * are journaled by the engine itself ({@code EngineEvidence}). The run and step come from the engine; an entry is written
 * in its step's transaction.
 *
 * <p><b>Reading</b> (for evidence packs, exports, the auditor view), all on {@link io.dayshift.evidence.EvidenceStore}:
 * <ul>
 *   <li>{@link io.dayshift.evidence.EvidenceStore#entries(String)}: a run's {@link io.dayshift.evidence.Entry entries}, in
 *       order (sequence 1, 2, …);</li>
 *   <li>{@link io.dayshift.evidence.EvidenceStore#head(String)}: a run's site, runbook, last entry and when it ended;</li>
 *   <li>{@link io.dayshift.evidence.EvidenceStore#siteLink(String, String)}: a run's one entry in its site's chain;</li>
 *   <li>{@link io.dayshift.evidence.EvidenceStore#siteChain(String)}: the runs of a site's chain, in the order they ended
 *       ({@link io.dayshift.evidence.SiteLink}); {@link io.dayshift.evidence.EvidenceStore#sites()} and
 *       {@link io.dayshift.evidence.EvidenceStore#runs()} list what there is.</li>
 * </ul>
 * {@link io.dayshift.evidence.EvidenceVerifier} recomputes the chains ({@link io.dayshift.evidence.Chains} specifies the
 * hashes) and gives a {@link io.dayshift.evidence.Verification}; {@code GET /api/runs/{id}/evidence/verify} and
 * {@code java -jar dayshift.jar verify-evidence [--run ID]} ({@link io.dayshift.evidence.VerifyEvidenceCommand}) use it.
 * {@link io.dayshift.evidence.RunReaders} decides who may read a run's evidence, for every evidence route. Evidence packs
 * and their export are in {@code io.dayshift.evidence.pack}.
 */
package io.dayshift.evidence;
