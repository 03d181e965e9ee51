package io.dayshift.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** What tests that switch the built-in lab on need before the service starts. */
public final class LabTests {

    private LabTests() {
    }

    /** A fresh directory for the lab's keys, known_hosts, clouds.yaml and API keys. */
    public static Path tempDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A port nothing listens on now. The lab writes its MAAS and OpenStack URLs with the service's port before the
     * service listens, so tests choose the port themselves instead of port 0.
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
