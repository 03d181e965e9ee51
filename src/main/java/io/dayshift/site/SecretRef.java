package io.dayshift.site;

import java.util.Objects;

/**
 * Where a secret is read from: {@code file:/path/to/file} or {@code env:VARIABLE}. The reference is
 * configuration and may be shown; the value it points to never is (see {@link Secrets}).
 */
public record SecretRef(Source source, String location) {

    public enum Source { FILE, ENV }

    public SecretRef {
        Objects.requireNonNull(source, "source");
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("a secret reference needs a file path or an environment variable name");
        }
    }

    /** Parses {@code file:/etc/dayshift/maas.key} or {@code env:MAAS_API_KEY}. */
    public static SecretRef parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a secret reference is missing");
        }
        if (text.startsWith("file:")) {
            return new SecretRef(Source.FILE, text.substring("file:".length()));
        }
        if (text.startsWith("env:")) {
            return new SecretRef(Source.ENV, text.substring("env:".length()));
        }
        throw new IllegalArgumentException(
                "a secret reference must start with 'file:' or 'env:' (the secret itself never goes into configuration)");
    }

    @Override
    public String toString() {
        return source.name().toLowerCase() + ":" + location;
    }
}
