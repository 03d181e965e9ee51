package io.dayshift.access;

import jakarta.servlet.Filter;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * No anonymous access anywhere but the health probe.
 * <ul>
 *   <li>{@code /engine-rest/**}: HTTP basic checked by Camunda's own authentication filter, so the
 *       engine's authorizations apply to every call.</li>
 *   <li>{@code /camunda/**}: Cockpit, Tasklist and Admin, with their own login, session and CSRF
 *       protection; their first-user setup page is closed.</li>
 *   <li>{@code /api/alerts/alertmanager}: Alertmanager's webhook, which carries a bearer token that its
 *       controller checks itself (constant time; 503 while no token is configured); no HTTP basic, no session.</li>
 *   <li>{@code /}: the landing page, open to anyone (links only, like the webapps' login page).</li>
 *   <li>{@code /audit/**} and GET of the evidence packs and export ({@value #PACK_HTML}, {@value #PACK_JSON},
 *       {@value #EXPORT}): pages for people, read-only. The webapps' login (the session of a person logged in to Cockpit or
 *       Tasklist, {@link WebappSessionAuthentication}) or HTTP basic; without either, a browser is sent to the webapps'
 *       login page and any other client gets 401. Only GET and HEAD: anything else is refused, so that a session cookie
 *       can never authorise a change (no other route takes the session).</li>
 *   <li>everything else: HTTP basic against the same users, except {@code /actuator/health} and
 *       {@code /error} (which must stay reachable, or a 401 becomes a redirect); the metrics
 *       ({@code /actuator/prometheus}, {@code /actuator/metrics}) only for members of a Dayshift group.</li>
 * </ul>
 * The REST API and the webapps are Jersey servlets, not Spring MVC: the matchers here match the whole
 * path, so they see those servlets' requests.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // the schema step serves nothing
class SecurityConfiguration {

    static final String ENGINE_REST = "/engine-rest";
    static final String ALERTMANAGER_WEBHOOK = "/api/alerts/alertmanager";
    static final String AUDIT = "/audit";
    static final String PACK_HTML = "/api/runs/*/evidence.html";
    static final String PACK_JSON = "/api/runs/*/evidence.json";
    static final String EXPORT = "/api/evidence/export";
    /** Where a browser without a login is sent: the webapps' own login page. */
    static final String WEBAPP_LOGIN = "/camunda/app/cockpit/default/";

    @Bean
    FilterRegistrationBean<Filter> engineRestAuthentication() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("engine-rest-authentication");
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns(ENGINE_REST + "/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    /** Also keeps Spring Boot from creating its default in-memory user. */
    @Bean
    CamundaUserAuthenticationProvider camundaUserAuthenticationProvider(IdentityService identity) {
        return new CamundaUserAuthenticationProvider(identity);
    }

    /** Exactly the webhook's path: the bearer token is checked by the controller, so nothing here demands a login. */
    @Bean
    @Order(0)
    SecurityFilterChain alertmanagerWebhookChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(paths(ALERTMANAGER_WEBHOOK))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain engineRest(HttpSecurity http, CamundaUserAuthenticationProvider users) throws Exception {
        return http.securityMatcher(paths(ENGINE_REST + "/**"))
                .authorizeHttpRequests(requests -> requests
                        // Camunda's filter leaves the engine list open by design; here it is not.
                        .requestMatchers(paths(ENGINE_REST + "/engine", ENGINE_REST + "/engine/")).authenticated()
                        .anyRequest().permitAll())
                .authenticationProvider(users)
                .httpBasic(Customizer.withDefaults())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webapps(HttpSecurity http) throws Exception {
        return http.securityMatcher(paths("/", "/camunda/**"))
                .authorizeHttpRequests(requests -> requests
                        // Administrators are created by Dayshift at start-up, never by an anonymous web page.
                        .requestMatchers(paths("/camunda/api/admin/setup/**", "/camunda/app/admin/*/setup/**")).denyAll()
                        .anyRequest().permitAll())
                // The webapps carry their own CSRF filter and session handling.
                .csrf(AbstractHttpConfigurer::disable)
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .build();
    }

    /** Read-only pages for people: the webapps' session or HTTP basic; GET and HEAD only. */
    @Bean
    @Order(3)
    SecurityFilterChain pagesForPeople(HttpSecurity http, CamundaUserAuthenticationProvider users, IdentityService identity,
            ProcessEngine engine) throws Exception {
        AuthenticationEntryPoint login = (request, response, failure) -> {
            String accept = request.getHeader(HttpHeaders.ACCEPT);
            if (accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)) {
                response.sendRedirect(request.getContextPath() + WEBAPP_LOGIN);
            } else {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Dayshift\"");
                response.sendError(HttpStatus.UNAUTHORIZED.value(), HttpStatus.UNAUTHORIZED.getReasonPhrase());
            }
        };
        return http.securityMatcher(paths(AUDIT, AUDIT + "/**", PACK_HTML, PACK_JSON, EXPORT))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(request -> "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())).authenticated()
                        .anyRequest().denyAll())
                .authenticationProvider(users)
                .httpBasic(basic -> basic.authenticationEntryPoint(login))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(login))
                .addFilterBefore(new WebappSessionAuthentication(identity, engine.getName()), BasicAuthenticationFilter.class)
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain everythingElse(HttpSecurity http, CamundaUserAuthenticationProvider users) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(paths("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness", "/error"))
                        .permitAll()
                        // what runs on which site, and how they end: for people of a Dayshift role (the scraper is an auditor)
                        .requestMatchers(paths("/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/**"))
                        .hasAnyRole(Roles.ALL.toArray(String[]::new))
                        .anyRequest().authenticated())
                .authenticationProvider(users)
                .httpBasic(Customizer.withDefaults())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    private static RequestMatcher paths(String... patterns) {
        PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
        RequestMatcher[] matchers = new RequestMatcher[patterns.length];
        for (int i = 0; i < patterns.length; i++) {
            matchers[i] = builder.matcher(patterns[i]);
        }
        return matchers.length == 1 ? matchers[0] : new OrRequestMatcher(matchers);
    }
}
