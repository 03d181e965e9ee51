package io.dayshift.lab.maas;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The lab's MAAS region API ({@code /lab/maas/**}) is not behind the service's HTTP basic: the MAAS adapter sends MAAS's
 * OAuth header, which {@link LabMaasController} checks against the key the lab wrote for the site. This chain comes
 * before the service's own ones and matches nothing else. Exists only with the lab ({@code dayshift.lab.enabled=true}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "dayshift.lab", name = "enabled", havingValue = "true")
public class LabMaasSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain labMaasApi(HttpSecurity http) throws Exception {
        return http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(LabMaasController.ROOT + "/**"))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}
