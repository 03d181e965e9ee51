package io.dayshift.site;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SiteConfiguration {

    @Bean
    Sites sites(SitesProperties properties) {
        return Sites.of(properties);
    }

    @Bean
    Secrets secrets() {
        return new Secrets();
    }
}
