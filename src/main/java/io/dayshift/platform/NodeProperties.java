package io.dayshift.platform;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dayshift.node.*}: who this node is, for the job locks it takes and gives back (README, "Nodes and job locks").
 *
 * @param id     this node's identity, the lock owner of every job it runs; empty: the one kept in {@code idFile}
 * @param idFile where a node without a configured id keeps the identity it chose on its first start
 */
@ConfigurationProperties("dayshift.node")
public record NodeProperties(String id, @DefaultValue("./data/node-id") Path idFile) {

    /** Letters, digits, '.', '_' and '-', starting with a letter or digit: it names the node in logs and in the job table. */
    static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public NodeProperties {
        id = id == null || id.isBlank() ? null : id.strip();
        if (id != null) {
            requireValid(id, "dayshift.node.id (DAYSHIFT_NODE_ID)");
        }
        if (idFile == null || idFile.toString().isBlank()) {
            throw new IllegalArgumentException("dayshift.node.id-file (DAYSHIFT_NODE_ID_FILE) must name a file when dayshift.node.id is empty");
        }
    }

    /** Throws, naming {@code field}, unless {@code id} is a valid node identity. */
    static String requireValid(String id, String field) {
        if (!VALID_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(field + " must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit, not '"
                    + id + "'");
        }
        return id;
    }
}
