package io.dayshift.lab.process;

import io.dayshift.lab.LabProperties;
import io.dayshift.lab.LabSites;
import io.dayshift.site.Site;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.HttpEncodingAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.MultipartAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The lab process's Spring application: the lab's own beans ({@code io.dayshift.lab}: the sites, their MAAS and OpenStack
 * APIs, faults and counts) on a web server of their own, and nothing of the service — no process engine, no database, no
 * webapps, no adapters. Exists only in the lab process ({@value LabProcess#ACTIVE}), so that the service's scan, which sees
 * this class, leaves it out.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = LabProcess.ACTIVE, havingValue = "true")
@ComponentScan("io.dayshift.lab")
@EnableConfigurationProperties(LabProperties.class)
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
        HttpEncodingAutoConfiguration.class, MultipartAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
        JacksonAutoConfiguration.class, SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class})
public class LabProcessApplication {

    private static final Logger log = LoggerFactory.getLogger(LabProcessApplication.class);

    /** Once everything listens: each site's files and settings, then the port (which tells a waiting script the lab is up). */
    @Bean
    ApplicationListener<ApplicationReadyEvent> labSiteFiles(LabSites lab) {
        return event -> {
            int port = ((WebServerApplicationContext) event.getApplicationContext()).getWebServer().getPort();
            for (Site site : lab.siteConfigurations()) {
                Path fragment = SiteFiles.write(site, lab.directory().resolve(site.name()));
                log.warn(" lab site '{}': point the service at it with --spring.config.import=file:{} --dayshift.lab.enabled=false",
                        site.name(), fragment);
            }
            log.warn(" lab counts and faults: http://127.0.0.1:{}/api/lab/counts, /api/lab/sites/<site>/faults (user and password in {})",
                    port, lab.directory().resolve(LabProcess.ADMIN_FILE));
            Path portFile = lab.directory().resolve(LabProcess.PORT_FILE);
            Path temporary = lab.directory().resolve(LabProcess.PORT_FILE + ".new");
            try {
                Files.writeString(temporary, port + "\n");
                Files.move(temporary, portFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + portFile, e);
            }
        };
    }
}
