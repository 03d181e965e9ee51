package io.dayshift.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * This node's stable identity: {@code dayshift.node.id} when set, otherwise the identity kept in
 * {@code dayshift.node.id-file}, chosen on the first start as the host name and a random suffix ({@code ops-1-3f9a0c2e}).
 * So by default the identity is stable per data directory: a node that keeps its data directory across restarts keeps
 * its identity, two nodes with data directories of their own never share one (even on one host), and a node whose data
 * directory is lost or copied to another node gets a new or a shared identity — set {@code dayshift.node.id} where that
 * can happen (containers without a volume, images that bake in a data directory).
 */
@Component
public class NodeIdentity {

    private static final Logger LOG = LoggerFactory.getLogger(NodeIdentity.class);

    private final String id;

    NodeIdentity(NodeProperties properties) {
        this.id = resolve(properties);
    }

    /** The identity, the lock owner of every job this node runs. */
    public String id() {
        return id;
    }

    static String resolve(NodeProperties properties) {
        if (properties.id() != null) {
            LOG.info("This node is '{}' (dayshift.node.id)", properties.id());
            return properties.id();
        }
        Path file = properties.idFile().toAbsolutePath().normalize();
        try {
            if (!Files.exists(file)) {
                choose(file);
            }
            String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
            NodeProperties.requireValid(kept, "the node identity in " + file + " (dayshift.node.id-file)");
            LOG.info("This node is '{}' (kept in {}; set dayshift.node.id to choose it)", kept, file);
            return kept;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the node identity in " + file
                    + " (dayshift.node.id-file); set dayshift.node.id, or make that directory writable", e);
        }
    }

    /** Writes a new identity to {@code file}, unless another start sharing the directory wrote one first. */
    private static void choose(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path draft = Files.createTempFile(file.getParent(), "node-id", ".tmp");
        try {
            Files.writeString(draft, chosen(hostName()) + "\n", StandardCharsets.UTF_8);
            Files.move(draft, file);
        } catch (FileAlreadyExistsException raced) {
            // another start with this data directory chose first: its identity is the one
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    /** The host name (reduced to the characters an identity allows, at most 40) and 8 random hex digits. */
    static String chosen(String host) {
        String name = host == null ? "" : host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-").replaceAll("^[^a-z0-9]+", "");
        name = name.length() > 40 ? name.substring(0, 40) : name;
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        return (name.isEmpty() ? "node" : name) + "-" + HexFormat.of().formatHex(random);
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException unknown) {
            String fromEnvironment = System.getenv("HOSTNAME");
            return fromEnvironment == null ? "node" : fromEnvironment;
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
