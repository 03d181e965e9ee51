/**
 * What an on-call engineer and a team lead read and alert on, at {@code /actuator/prometheus}: runs started and ended per
 * runbook, site and outcome, incidents opened per step, how long decisions wait for people, how long steps take, and per
 * site its last health-check verdict and the age of its last complete backup (README, "Metrics").
 * <p>
 * Everything is recorded from the engine, in one place ({@link io.dayshift.metrics.RunMetrics}: a history event handler
 * next to the engine's own), never from a delegate; a recording happens once the transaction that made the event has
 * committed, so a rolled-back step counts nothing. The site gauges read the few rows that handler keeps per site in the
 * run's own transaction ({@link io.dayshift.metrics.SiteLastEnds}), so a scrape costs the same however long the history
 * is. Labels are bounded: runbook keys and element ids come from the deployed
 * models, site names from the configured sites only (anything else is {@code unknown}); no run id, no free text.
 */
package io.dayshift.metrics;
