package io.dayshift.lab.maas;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MAAS's check of the 0-legged OAuth 1.0a PLAINTEXT header ({@code src/maasserver/api/auth.py}, piston3): every
 * necessary parameter present, PLAINTEXT, the consumer and token of the site's API key, signature {@code &<token_secret>}.
 */
final class MaasOAuth {

    /** A refusal: the status and MAAS's text. */
    record Refusal(int status, String message) {
    }

    private static final Set<String> NECESSARY = Set.of(
            "oauth_consumer_key", "oauth_token", "oauth_signature", "oauth_signature_method", "oauth_timestamp", "oauth_nonce");
    private static final Pattern PARAM = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]*))");

    private MaasOAuth() {
    }

    /** Empty when {@code header} carries {@code apiKey} ({@code consumer:token:secret}). */
    static Optional<Refusal> check(String header, String apiKey) {
        if (header == null || !header.startsWith("OAuth ")) {
            return Optional.of(new Refusal(401, "Authorization Error: Authentication credentials were not provided."));
        }
        Map<String, String> params = new HashMap<>();
        Matcher matcher = PARAM.matcher(header.substring("OAuth ".length()));
        while (matcher.find()) {
            String value = matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
            params.put(matcher.group(1), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        List<String> missing = NECESSARY.stream().filter(p -> params.getOrDefault(p, "").isEmpty()).sorted().toList();
        if (!missing.isEmpty()) {
            return Optional.of(new Refusal(400, "Bad Request: Missing OAuth parameters: " + String.join(", ", missing)));
        }
        if (!"PLAINTEXT".equals(params.get("oauth_signature_method"))) {
            return Optional.of(new Refusal(401, "Authorization Error: Invalid signature method."));
        }
        if (!params.get("oauth_timestamp").matches("\\d+")) {
            return Optional.of(new Refusal(400, "Bad Request: Invalid timestamp."));
        }
        String[] key = apiKey == null ? new String[0] : apiKey.split(":", -1);
        if (key.length != 3 || !same(key[0], params.get("oauth_consumer_key"))) {
            return Optional.of(new Refusal(401, "Authorization Error: Invalid API key."));
        }
        if (!same(key[1], params.get("oauth_token")) || !same("&" + key[2], params.get("oauth_signature"))) {
            return Optional.of(new Refusal(401, "Authorization Error: Invalid access token or signature."));
        }
        return Optional.empty();
    }

    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
