package io.dayshift.evidence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hashes of the chains: SHA-256, in lower-case hex, over a canonical encoding of an entry's content followed by the
 * previous entry's hash. The encoding names each field and gives its length, so that no two different entries encode
 * alike (moving text from one field to the next changes the hash); times are UTC milliseconds since the epoch. Anyone can
 * recompute it from the rows alone (this class is the specification).
 */
public final class Chains {

    /** The "previous hash" of a chain's first entry. */
    public static final String GENESIS = "0".repeat(64);

    private Chains() {
    }

    /** The hash of a run's journal entry (its {@code hash} field is not part of it). */
    public static String hash(Entry e) {
        return sha256(new Encoding().field("run", e.run()).field("seq", Long.toString(e.seq()))
                .field("at", Long.toString(e.at().toEpochMilli())).field("kind", e.kind()).field("origin", e.origin())
                .field("step", e.step()).field("target", e.target()).field("action", e.action()).field("outcome", e.outcome())
                .field("detail", e.detail()).field("previous", e.previousHash()).text());
    }

    /** The hash of an entry of a site's chain (its {@code hash} field is not part of it). */
    public static String hash(SiteLink l) {
        return sha256(new Encoding().field("site", l.site()).field("seq", Long.toString(l.seq())).field("run", l.run())
                .field("runbook", l.runbook()).field("runSeq", Long.toString(l.runSeq())).field("runHash", l.runHash())
                .field("at", Long.toString(l.at().toEpochMilli())).field("previous", l.previousHash()).text());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** {@code name:length:value\n} per field, a missing value as length -1. */
    private static final class Encoding {
        private final StringBuilder text = new StringBuilder();

        Encoding field(String name, String value) {
            text.append(name).append(':').append(value == null ? -1 : value.length()).append(':');
            if (value != null) {
                text.append(value);
            }
            text.append('\n');
            return this;
        }

        String text() {
            return text.toString();
        }
    }
}
