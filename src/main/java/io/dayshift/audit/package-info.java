/**
 * The auditor view: read-only pages at {@code /audit} for everyone who may read runs (auditors first), server-rendered
 * HTML with no script and no build step.
 * <ul>
 *   <li>{@code GET /audit}: the runs (root process instances) the user may read, newest first, 50 a page, filtered by
 *       runbook, site, target host, the person who started them, state ({@link io.dayshift.audit.RunOutcomes}) and the days
 *       they started on ({@link io.dayshift.audit.RunFilter}); links to the evidence export of the same dates, site and
 *       runbook.</li>
 *   <li>{@code GET /audit/runs/{id}}: a run's header, the verification of its evidence
 *       ({@link io.dayshift.evidence.EvidenceVerifier}), its approvals and decisions, its journal as a timeline, and links
 *       to its evidence pack and to Cockpit.</li>
 * </ul>
 * What is read comes from the engine's history as the user may read it ({@link io.dayshift.evidence.RunReaders}) and from
 * the evidence journal ({@link io.dayshift.evidence.EvidenceStore}); {@link io.dayshift.audit.AuditRuns} keeps a page to
 * three queries. Pages are written by {@link io.dayshift.audit.AuditPages} through {@link io.dayshift.audit.Html}, which
 * escapes everything. Who may come in, and how (the webapps' login or HTTP basic, GET and HEAD only), is
 * {@code io.dayshift.access.SecurityConfiguration}'s.
 */
package io.dayshift.audit;
