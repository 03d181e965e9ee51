package io.dayshift.lab.openstack;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Keystone tokens the lab has issued, per site. A token is valid on its own site only, until it expires
 * (measured on the site's clock, so that simulated time and tokens agree).
 */
final class KeystoneTokens {

    /** One issued token: who it is for and until when. */
    record Token(String id, String site, String userId, String userName, String projectId, Instant issuedAt, Instant expiresAt,
                 String auditId) {

        boolean validAt(Instant now) {
            return now.isBefore(expiresAt);
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Duration lifetime;

    KeystoneTokens(Duration lifetime) {
        this.lifetime = lifetime;
    }

    Token issue(String site, String userId, String userName, String projectId, Instant now) {
        dropExpired(now);
        Token token = new Token("gAAAAA" + randomText(135), site, userId, userName, projectId, now, now.plus(lifetime), randomText(22));
        tokens.put(token.id(), token);
        return token;
    }

    /** The token if it was issued for {@code site} and has not expired at {@code now}. */
    Optional<Token> find(String id, String site, Instant now) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(tokens.get(id.strip())).filter(t -> t.site().equals(site) && t.validAt(now));
    }

    private void dropExpired(Instant now) {
        tokens.values().removeIf(t -> !t.validAt(now));
    }

    private String randomText(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, length);
    }
}
