package io.dayshift.testing;

import io.dayshift.site.SshEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * A real SSH server (Apache MINA SSHD) in the test JVM, on 127.0.0.1 and a random port, for contract tests of
 * everything that goes through the {@code RemoteShell} port.
 *
 * <ul>
 *   <li>a freshly generated host key, and a known_hosts file holding it ({@link #endpoint()});</li>
 *   <li>public-key authentication only, for a generated client key pair written to a temp dir (OpenSSH format);</li>
 *   <li>commands answered by a {@link Handler} ({@code commandLine -> Reply}), or run for real by
 *       {@code /bin/sh -c} in {@link #workDir()} when the handler answers {@link Reply#shell()};</li>
 *   <li>every command line received is recorded ({@link #commands()});</li>
 *   <li>fake programs can be put first on the real commands' PATH ({@link #prependToPath(Path)}).</li>
 * </ul>
 * Closing the channel or sending a signal kills a real command and all its children, except those it detached
 * ({@code nohup … &}): they outlive the session, as on a real host, and a test that starts them ends them.
 */
public final class TestSshServer implements AutoCloseable {

    /** What a command answers. */
    public record Reply(int exit, String stdout, String stderr) {

        private static final Reply SHELL = new Reply(-1, "", "");

        public Reply {
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
        }

        public static Reply ok(String stdout) {
            return new Reply(0, stdout, "");
        }

        public static Reply failure(int exit, String stderr) {
            return new Reply(exit, "", stderr);
        }

        /** Run the command line for real with {@code /bin/sh -c} in the server's work dir. */
        public static Reply shell() {
            return SHELL;
        }
    }

    /** Answers one command line. */
    @FunctionalInterface
    public interface Handler {
        Reply handle(String commandLine) throws Exception;
    }

    public static final String USER = "dayshift";

    private final Path dir;
    private final Path workDir;
    private final KeyPair hostKey;
    private final Path privateKey;
    private final Path knownHosts;
    private final SshServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-sshd-command");
        t.setDaemon(true);
        return t;
    });
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile Handler handler = command -> Reply.failure(127, "sh: 1: no handler for: " + command + "\n");
    private volatile Path pathPrefix;

    private TestSshServer() throws IOException, GeneralSecurityException {
        dir = Files.createTempDirectory("test-sshd-");
        workDir = Files.createDirectory(dir.resolve("work"));
        hostKey = newKeyPair();
        KeyPair clientKey = newKeyPair();
        privateKey = dir.resolve("id_ecdsa");
        try (OutputStream out = Files.newOutputStream(privateKey)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "dayshift-test", null, out);
        }
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(key, clientKey.getPublic()));
        server.setCommandFactory((channel, commandLine) -> new TestCommand(commandLine));
        server.start();
        knownHosts = writeKnownHosts("known_hosts", hostKey.getPublic());
    }

    /** Starts a server; close it (try-with-resources or {@code @AfterEach}). */
    public static TestSshServer start() {
        try {
            return new TestSshServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh ECDSA P-256 key pair (for "changed host key" tests). */
    public static KeyPair newKeyPair() {
        try {
            return KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This server, with the known_hosts file that holds its real host key. */
    public SshEndpoint endpoint() {
        return endpoint(knownHosts);
    }

    /** This server, checked against another known_hosts file. */
    public SshEndpoint endpoint(Path knownHostsFile) {
        return new SshEndpoint("127.0.0.1", port(), USER, privateKey, knownHostsFile);
    }

    public int port() {
        return server.getPort();
    }

    /** A known_hosts file in the server's temp dir listing {@code key} for this server's address. */
    public Path writeKnownHosts(String fileName, PublicKey key) {
        String line = "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(key) + "\n";
        return write(fileName, line);
    }

    /** A file in the server's temp dir (not the work dir). */
    public Path write(String fileName, String content) {
        try {
            return Files.writeString(dir.resolve(fileName), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where {@link Reply#shell()} commands run. */
    public Path workDir() {
        return workDir;
    }

    /** Answers every command with {@code handler}. */
    public void onCommand(Handler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** Runs every command for real with {@code /bin/sh -c} in {@link #workDir()}. */
    public void useShell() {
        onCommand(command -> Reply.shell());
    }

    /**
     * Puts {@code directory} first on the PATH of every real command from now on, as a login would find programs there
     * (fake {@code kolla-ansible} or {@code juju} scripts).
     */
    public void prependToPath(Path directory) {
        this.pathPrefix = Objects.requireNonNull(directory, "directory");
    }

    /** The command lines received so far, in order. */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** True once no real command started by this server is alive any more (waits at most {@code limit}). */
    public boolean awaitNoRunningProcesses(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            running.removeIf(p -> !p.isAlive());
            if (running.isEmpty()) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        running.forEach(TestSshServer::killTree);
        server.stop(true);
        threads.shutdownNow();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** One exec request. */
    private final class TestCommand implements Command {

        private final String commandLine;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private volatile Process process;
        private volatile boolean destroyed;

        TestCommand(String commandLine) {
            this.commandLine = commandLine;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            commands.add(commandLine);
            env.addSignalListener((ch, signal) -> kill());
            threads.execute(this::execute);
        }

        private void execute() {
            int status;
            try {
                Reply reply = handler.handle(commandLine);
                if (reply == Reply.SHELL) {
                    status = runInShell();
                } else {
                    out.write(reply.stdout().getBytes(StandardCharsets.UTF_8));
                    err.write(reply.stderr().getBytes(StandardCharsets.UTF_8));
                    status = reply.exit();
                }
                out.flush();
                err.flush();
            } catch (Exception e) {
                status = 255;
                try {
                    err.write(("test server: " + e + "\n").getBytes(StandardCharsets.UTF_8));
                    err.flush();
                } catch (IOException ignored) {
                    // channel already closed
                }
            }
            if (!destroyed) {
                exit.onExit(status);
            }
        }

        private int runInShell() throws IOException, InterruptedException {
            ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", commandLine).directory(workDir.toFile());
            Path prefix = pathPrefix;
            if (prefix != null) {
                builder.environment().merge("PATH", prefix.toString(), (path, dir) -> dir + ":" + path);
            }
            Process p = builder.start();
            process = p;
            running.add(p);
            if (destroyed) {
                kill();
            }
            List<Thread> pumps = new ArrayList<>();
            pumps.add(pump(p.getInputStream(), out, false));
            pumps.add(pump(p.getErrorStream(), err, false));
            Thread input = pump(in, p.getOutputStream(), true);
            int status = p.waitFor();
            for (Thread pump : pumps) {
                pump.join();
            }
            input.interrupt();
            return status;
        }

        private Thread pump(InputStream from, OutputStream to, boolean closeTarget) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try {
                    int n;
                    while ((n = from.read(buffer)) >= 0) {
                        to.write(buffer, 0, n);
                        to.flush();
                    }
                } catch (IOException ignored) {
                    // the other side went away
                } finally {
                    if (closeTarget) {
                        try {
                            to.close();
                        } catch (IOException ignored) {
                            // nothing to do
                        }
                    }
                }
            }, "test-sshd-pump");
            t.setDaemon(true);
            t.start();
            return t;
        }

        private void kill() {
            destroyed = true;
            Process p = process;
            if (p != null) {
                killTree(p);
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            kill();
        }
    }
}
