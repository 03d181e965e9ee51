package io.dayshift.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** What tests that switch the built-in lab on need before the service starts. */
public final class LabTests {

    private LabTests() {
    }

    /** A fresh directory for the lab's keys, known_hosts, clouds.yaml and API keys, deleted when the test JVM exits. */
    public static Path tempDirectory(String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(directory)));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // The JVM is exiting; what is left stays in the temporary directory.
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
