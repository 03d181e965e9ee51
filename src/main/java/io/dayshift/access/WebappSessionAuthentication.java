package io.dayshift.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A person logged in to Cockpit or Tasklist is logged in to the read-only pages for people ({@code /audit}, the evidence
 * packs): this filter reads the webapps' own login from the HTTP session and signs the request in as that user, with the
 * groups the engine gives them now (a user removed in Admin, or taken out of a group, loses it at once). It never creates a
 * session, and it is only placed in front of routes that answer GET and HEAD alone, so a cookie never authorises a change.
 * A request that carries HTTP basic is left to it.
 */
class WebappSessionAuthentication extends OncePerRequestFilter {

    private final IdentityService identity;
    private final String engineName;

    WebappSessionAuthentication(IdentityService identity, String engineName) {
        this.identity = identity;
        this.engineName = engineName;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && SecurityContextHolder.getContext().getAuthentication() == null) {
            Authentications logins = AuthenticationUtil.getAuthsFromSession(session);
            if (logins != null && logins.getAuthenticationForProcessEngine(engineName) instanceof UserAuthentication login
                    && identity.createUserQuery().userId(login.getIdentityId()).count() == 1) {
                List<SimpleGrantedAuthority> groups = identity.createGroupQuery().groupMember(login.getIdentityId()).list().stream()
                        .map(Group::getId).map(group -> new SimpleGrantedAuthority("ROLE_" + group)).toList();
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(login.getIdentityId(), null, groups));
                SecurityContextHolder.setContext(context);
            }
        }
        chain.doFilter(request, response);
    }
}
