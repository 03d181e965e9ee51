package io.dayshift.access;

import jakarta.servlet.Filter;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * No anonymous access anywhere but the health probe.
 * <ul>
 *   <li>{@code /engine-rest/**}: HTTP basic checked by Camunda's own authentication filter, so the
 *       engine's authorizations apply to every call.</li>
 *   <li>{@code /camunda/**}: Cockpit, Tasklist and Admin, with their own login and CSRF protection.</li>
 *   <li>everything else: HTTP basic against the same users, except {@code /actuator/health} and
 *       {@code /error} (which must stay reachable, or a 401 becomes a redirect).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String ENGINE_REST = "/engine-rest";

    @Bean
    FilterRegistrationBean<Filter> engineRestAuthentication() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("engine-rest-authentication");
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns(ENGINE_REST + "/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    @Order(1)
    SecurityFilterChain engineRest(HttpSecurity http) throws Exception {
        return http.securityMatcher(ENGINE_REST + "/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webapps(HttpSecurity http) throws Exception {
        return http.securityMatcher("/", "/camunda/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                // The webapps carry their own CSRF filter and session handling.
                .csrf(AbstractHttpConfigurer::disable)
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .build();
    }

    /** Also keeps Spring Boot from creating its default in-memory user. */
    @Bean
    CamundaUserAuthenticationProvider camundaUserAuthenticationProvider(IdentityService identity) {
        return new CamundaUserAuthenticationProvider(identity);
    }

    @Bean
    @Order(3)
    SecurityFilterChain everythingElse(HttpSecurity http, CamundaUserAuthenticationProvider users) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness", "/error")
                        .permitAll()
                        .anyRequest().authenticated())
                .authenticationProvider(users)
                .httpBasic(Customizer.withDefaults())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}
