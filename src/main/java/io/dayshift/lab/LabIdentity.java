package io.dayshift.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * What a lab that keeps its state ({@code dayshift.lab.keep-state}) keeps across its own restarts, so that a service set up
 * for it reaches it again without a change: each site's SSH ports and MAAS API key and the OpenStack password, in
 * {@value #FILE}, and the SSH host and client keys beside it. All are readable by their owner only.
 *
 * @param httpPort          the port of the lab's MAAS and OpenStack APIs (in the URLs the sites were given)
 * @param openstackPassword the password of user {@code admin} in clouds.yaml
 * @param sites             site name → what the site answers on and with
 */
record LabIdentity(int httpPort, String openstackPassword, Map<String, SiteIdentity> sites) {

    static final String FILE = "lab-identity.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param sshPort      the site's SSH server
     * @param storeSshPort its backup store's SSH server
     * @param maasKey      its MAAS API key ({@code consumer:token:secret})
     */
    record SiteIdentity(int sshPort, int storeSshPort, String maasKey) {
    }

    LabIdentity {
        sites = Map.copyOf(sites);
    }

    /** The identity a lab wrote into {@code directory} at an earlier start, if any. */
    static Optional<LabIdentity> read(Path directory) {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), LabIdentity.class));
        } catch (IOException e) {
            throw new UncheckedIOException("the lab's " + file + " cannot be read (" + e.getMessage() + "); start the lab with --fresh to begin anew", e);
        }
    }

    void write(Path directory) throws IOException {
        writePrivate(directory.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    }

    /** The key pair in {@code file} when {@code reuse} and it is there; otherwise a new one, written there (OpenSSH format). */
    static KeyPair keyPair(Path file, boolean reuse, String comment) throws IOException, GeneralSecurityException {
        if (reuse && Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                Iterator<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, null).iterator();
                if (keys.hasNext()) {
                    return keys.next();
                }
            }
            throw new GeneralSecurityException("no key in " + file + "; start the lab with --fresh to begin anew");
        }
        KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, comment, null, out);
        writePrivate(file, out.toByteArray());
        return pair;
    }

    /** Writes {@code content} into {@code file}, readable by its owner only, replacing it at once (never half written). */
    static Path writePrivate(Path file, byte[] content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(temporary, content);
        return Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
