package io.dayshift.lab;

import io.dayshift.access.Roles;
import org.springframework.security.core.Authentication;

/**
 * Who may change and read the lab's own state (its faults, its counts): administrators, {@code dayshift-admins}; in the
 * service that is its administrators, in the lab process of its own the lab's one administrator ({@code lab-admin.txt}).
 */
final class LabAdmins {

    static final String AUTHORITY = "ROLE_" + Roles.ADMINS;

    private LabAdmins() {
    }

    static boolean isAdmin(Authentication user) {
        return user != null && user.getAuthorities().stream().anyMatch(a -> AUTHORITY.equals(a.getAuthority()));
    }
}
