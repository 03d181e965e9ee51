package io.dayshift.access;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * HTTP basic for Dayshift's own endpoints (actuator, alert intake) against the engine's users: one
 * set of accounts for the webapps, the REST API and the rest. Groups become {@code ROLE_<group>}.
 */
class CamundaUserAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identity;

    CamundaUserAuthenticationProvider(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (user == null || credentials == null || !identity.checkPassword(user, credentials.toString())) {
            throw new BadCredentialsException("Bad credentials");
        }
        List<SimpleGrantedAuthority> authorities = identity.createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId)
                .map(group -> new SimpleGrantedAuthority("ROLE_" + group))
                .toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
