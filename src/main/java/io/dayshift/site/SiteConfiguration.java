package io.dayshift.site;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SiteConfiguration {

    @Bean
    Sites sites(SitesProperties properties, ObjectProvider<SiteSource> sources) {
        List<Site> contributed = sources.orderedStream().flatMap(source -> source.sites().stream()).toList();
        return Sites.of(properties, contributed);
    }

    @Bean
    Secrets secrets() {
        return new Secrets();
    }
}
