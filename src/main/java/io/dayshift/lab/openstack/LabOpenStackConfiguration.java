package io.dayshift.lab.openstack;

import io.dayshift.lab.LabSites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The lab's OpenStack APIs under {@code /lab/openstack/{site}/{service}/...} (Keystone v3, Nova, Placement, Neutron,
 * Cinder, Glance), wired in only with the lab. They take Keystone tokens, not the service's users: their own
 * security chain lets every request through to {@link TokenCheck}, which checks the token as keystonemiddleware
 * would.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "dayshift.lab", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(LabOpenStackProperties.class)
public class LabOpenStackConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LabOpenStackConfiguration.class);
    private static final Pattern PORT_ZERO = Pattern.compile("(?m)^(\\s*auth_url:\\s*https?://[^/:\\s]+):0(/\\S*)$");

    @Bean
    KeystoneTokens labKeystoneTokens(LabOpenStackProperties properties) {
        return new KeystoneTokens(properties.tokenLifetime());
    }

    /** Before the service's own chains (which demand HTTP basic): OpenStack clients send Keystone tokens instead. */
    @Bean
    @Order(0)
    SecurityFilterChain labOpenStackApis(HttpSecurity http) throws Exception {
        return http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(TokenCheck.PREFIX + "**"))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    WebMvcConfigurer labOpenStackTokenCheck(LabSites lab, KeystoneTokens tokens) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new TokenCheck(lab, tokens)).addPathPatterns(TokenCheck.PREFIX + "**");
            }
        };
    }

    /**
     * With {@code server.port=0} (a random port) the lab wrote {@code auth_url}s with port 0 before the port was known;
     * this puts the real port in once the web server listens.
     */
    @Bean
    ApplicationListener<WebServerInitializedEvent> labOpenStackPort(LabSites lab) {
        return event -> {
            if (event.getApplicationContext().getServerNamespace() != null) {
                return; // the management server, if separate
            }
            Path clouds = lab.directory().resolve("clouds.yaml");
            try {
                if (!Files.isRegularFile(clouds)) {
                    return;
                }
                String text = Files.readString(clouds, StandardCharsets.UTF_8);
                Matcher m = PORT_ZERO.matcher(text);
                if (m.find()) {
                    Files.writeString(clouds, m.replaceAll("$1:" + event.getWebServer().getPort() + "$2"), StandardCharsets.UTF_8);
                    log.info("lab clouds.yaml: OpenStack endpoints on port {}", event.getWebServer().getPort());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot put the lab's port into " + clouds, e);
            }
        };
    }
}
