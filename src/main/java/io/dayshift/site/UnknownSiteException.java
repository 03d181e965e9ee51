package io.dayshift.site;

import java.util.Collection;

/** A runbook named a site that is not configured. */
public class UnknownSiteException extends RuntimeException {

    public UnknownSiteException(String name, Collection<String> known) {
        super("unknown site '" + name + "'; configured sites: " + (known.isEmpty() ? "none" : String.join(", ", known)));
    }
}
