package io.dayshift.site;

import java.util.List;

/**
 * Contributes sites that do not come from {@code dayshift.sites.*} configuration (the built-in lab contributes its
 * simulated sites this way). Every {@code SiteSource} bean's sites are checked like configured ones and merged with
 * them; two sites of the same name stop the start.
 */
public interface SiteSource {

    /** The sites, each with its name set. */
    List<Site> sites();
}
