/**
 * Evidence packs: everything an auditor asks about one run, from the engine's history and the run's evidence journal
 * ({@link io.dayshift.evidence.pack.EvidencePacks} builds an {@link io.dayshift.evidence.pack.EvidencePack}), as JSON
 * ({@link io.dayshift.evidence.pack.PackJson}, specified in {@code docs/evidence-pack.md} and
 * {@code docs/evidence-pack.schema.json}) and as a printable, self-contained page ({@link io.dayshift.evidence.pack.PackHtml});
 * and the export of many runs as one zip with {@code runs.csv} ({@link io.dayshift.evidence.pack.EvidenceExport},
 * {@link io.dayshift.evidence.pack.RunsCsv}, bounded by {@link io.dayshift.evidence.pack.ExportFilter}). Routes:
 * {@code GET /api/runs/{id}/evidence.json}, {@code GET /api/runs/{id}/evidence.html},
 * {@code GET /api/evidence/export?from=&to=&site=&runbook=}, for whoever may read the runs
 * ({@link io.dayshift.evidence.RunReaders}).
 *
 * <p>It reads the journal through {@link io.dayshift.evidence.EvidenceStore}'s reading API and names the variables of the
 * runbooks it shows (health, limits, the alert's) by their names, not through the runbook packages, which depend on the
 * evidence journal.
 */
package io.dayshift.evidence.pack;
