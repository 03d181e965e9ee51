package io.dayshift.adapter.maas;

import io.dayshift.site.SecretRef;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * A MAAS API key, {@code <consumer_key>:<token_key>:<token_secret>}, and the OAuth 1.0a PLAINTEXT header
 * MAAS expects. The consumer secret is always empty, so the signature is {@code &<token_secret>}, sent
 * percent-encoded like oauthlib does. {@link #toString()} never shows the key.
 */
final class MaasApiKey {

    private static final String[] PARTS = {"consumer key (first part)", "token key (second part)", "token secret (third part)"};

    private final String consumerKey;
    private final String tokenKey;
    private final String tokenSecret;

    private MaasApiKey(String consumerKey, String tokenKey, String tokenSecret) {
        this.consumerKey = consumerKey;
        this.tokenKey = tokenKey;
        this.tokenSecret = tokenSecret;
    }

    /**
     * Parses the key read from {@code ref}. A malformed key is reported by which part is wrong, naming the
     * reference, never showing the value.
     */
    static MaasApiKey parse(String siteName, SecretRef ref, String value) {
        String[] parts = value.strip().split(":", -1);
        String prefix = "site " + siteName + ": the MAAS API key read from " + ref;
        if (parts.length != 3) {
            throw new IllegalStateException(prefix + " must have three parts, consumer_key:token_key:token_secret, but has "
                    + parts.length + " (as printed by 'maas apikey')");
        }
        for (int i = 0; i < 3; i++) {
            if (parts[i].isBlank()) {
                throw new IllegalStateException(prefix + " has an empty " + PARTS[i]);
            }
            if (!parts[i].equals(parts[i].strip())) {
                throw new IllegalStateException(prefix + " has white space around its " + PARTS[i]);
            }
        }
        return new MaasApiKey(parts[0], parts[1], parts[2]);
    }

    /** The {@code Authorization} header value for one request. */
    /** The parts that authenticate: the token key and its secret. */
    List<String> secretParts() {
        return List.of(tokenKey, tokenSecret);
    }

    String authorization(String nonce, Instant now) {
        return "OAuth oauth_version=\"1.0\""
                + ", oauth_signature_method=\"PLAINTEXT\""
                + ", oauth_consumer_key=\"" + encode(consumerKey) + "\""
                + ", oauth_token=\"" + encode(tokenKey) + "\""
                + ", oauth_signature=\"" + encode("&" + tokenSecret) + "\""
                + ", oauth_nonce=\"" + encode(nonce) + "\""
                + ", oauth_timestamp=\"" + now.getEpochSecond() + "\"";
    }

    /** RFC 3986 percent-encoding, as OAuth 1.0a requires (unreserved characters stay). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    @Override
    public String toString() {
        return "MaasApiKey[****]";
    }
}
