package io.dayshift.site;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code dayshift.sites.<name>.*}: the clouds Dayshift may touch. */
@ConfigurationProperties("dayshift")
public record SitesProperties(Map<String, Site> sites) {

    public SitesProperties {
        sites = sites == null ? Map.of() : sites;
    }
}
