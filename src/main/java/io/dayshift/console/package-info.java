/**
 * Dayshift's console: the landing page at {@code /} that says where to go for what (start a runbook, decide, follow
 * one's runs, audit, operate, administer, health), and Dayshift's name, logo and styles on Camunda's webapps, given
 * through Camunda's documented customisation (each app's {@code scripts/config.js} and {@code styles/user-styles.css}
 * under {@code META-INF/resources/webjars/camunda/app/}, the logo and shared styles under {@code …/camunda/assets/}).
 */
package io.dayshift.console;
