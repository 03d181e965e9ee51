package io.dayshift.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Reads secrets from files or environment variables, and remembers every value it has read so that
 * {@link #redact(String)} can strip them from anything that leaves the service as text: evidence
 * tails, exception messages, incident messages.
 */
public final class Secrets {

    private static final String MASK = "****";
    /** Values shorter than this are not masked: they would mask ordinary words. */
    private static final int MIN_MASKED_LENGTH = 4;

    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final UnaryOperator<String> environment;

    public Secrets() {
        this(System::getenv);
    }

    public Secrets(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /**
     * The secret's value, without surrounding whitespace. The message of a failure names the
     * reference, never a value.
     */
    public String read(SecretRef ref) {
        String value = switch (ref.source()) {
            case ENV -> environment.apply(ref.location());
            case FILE -> readFile(Path.of(ref.location()));
        };
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("secret " + ref + " is empty or not set");
        }
        String trimmed = value.strip();
        remember(trimmed);
        return trimmed;
    }

    /** Registers a secret that was obtained another way (a password inside clouds.yaml, a token). */
    public void remember(String value) {
        if (value != null && value.length() >= MIN_MASKED_LENGTH) {
            known.add(value);
        }
    }

    /** The text with every known secret replaced by {@code ****}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : known) {
            result = result.replace(secret, MASK);
        }
        return result;
    }

    private static String readFile(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // The exception's message is a path and a reason, never the content.
            throw new IllegalStateException("cannot read secret file:" + path + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
