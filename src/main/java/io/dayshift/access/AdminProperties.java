package io.dayshift.access;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code dayshift.admin.*}: the first administrator.
 *
 * @param user     the user id ({@code DAYSHIFT_ADMIN_USER}, default {@code admin})
 * @param password its password ({@code DAYSHIFT_ADMIN_PASSWORD}); when set, applied at every start;
 *                 when empty, a strong one is generated on the very first start and printed once
 */
@ConfigurationProperties("dayshift.admin")
public record AdminProperties(String user, String password) {

    public AdminProperties {
        user = user == null || user.isBlank() ? "admin" : user.strip();
    }

    boolean passwordConfigured() {
        return password != null && !password.isBlank();
    }

    @Override
    public String toString() {
        return "AdminProperties[user=" + user + ", password=" + (passwordConfigured() ? "(set)" : "(not set)") + "]";
    }
}
