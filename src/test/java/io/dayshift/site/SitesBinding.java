package io.dayshift.site;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Binds {@code dayshift.sites} from properties alone, as the service does at start: the site settings tests share it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SitesProperties.class)
@Import(SecretRefConverter.class)
class SitesBinding {

    static ApplicationContextRunner runner() {
        return new ApplicationContextRunner().withUserConfiguration(SitesBinding.class);
    }
}
