package io.dayshift.lab.ssh;

import io.dayshift.lab.model.LabSite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.session.ServerSession;

/**
 * The SSH side of one lab site: an Apache MINA SSHD server on 127.0.0.1 and a free port (or the one it had before), public-key authentication
 * for one client key, exec requests answered by the {@link LabShell} against the site's model (never by a real shell).
 *
 * <p>Who you log in as says which host you are on: {@code user} (the site's deployer or jump host user) lands on the
 * deployer (on a kolla site: the first controller, where kolla-ansible runs) or the Juju jump host; a node's host name
 * as user ({@code cn03}) lands on that node, for {@code docker}, {@code mysqldump} and {@code ceph}. This is how one
 * loopback address stands for every host of the site.
 */
public final class LabSshServer implements AutoCloseable {

    private final LabSite site;
    private final LabShell shell;
    private final String user;
    private final String deployerNode;
    private final Session.Sleeper sleeper;
    private final SshServer server;
    private final ExecutorService threads;

    public LabSshServer(LabSite site, LabShell shell, String user, String deployerNode, KeyPair hostKey, PublicKey clientKey, Session.Sleeper sleeper) {
        this.site = site;
        this.shell = shell;
        this.user = user;
        this.deployerNode = deployerNode;
        this.sleeper = sleeper;
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lab-ssh-" + site.name());
            t.setDaemon(true);
            return t;
        });
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator((login, key, session) -> allowed(login) && KeyUtils.compareKeys(key, clientKey));
        server.setCommandFactory((channel, commandLine) -> new LabCommand(commandLine));
    }

    /** Starts listening on a free port. */
    public LabSshServer start() {
        return start(0);
    }

    /** Starts listening on {@code port} (0: a free one), the port a restarted lab had before. */
    public LabSshServer start(int port) {
        server.setPort(port);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("lab site " + site.name() + ": cannot start its SSH server on 127.0.0.1:" + (port == 0 ? "a free port" : port)
                    + (port == 0 ? "" : " (the port it had before; free it, or start the lab with --fresh)"), e);
        }
        return this;
    }

    public int port() {
        return server.getPort();
    }

    public LabSite site() {
        return site;
    }

    private boolean allowed(String login) {
        return user.equals(login) || site.node(login).isPresent();
    }

    private String nodeOf(String login) {
        return user.equals(login) ? deployerNode : login;
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            threads.shutdownNow();
        }
    }

    /** One exec request. */
    private final class LabCommand implements Command {

        private final String commandLine;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private volatile Future<?> running;

        LabCommand(String commandLine) {
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
            ServerSession session = channel.getServerSession();
            String node = nodeOf(session.getUsername());
            env.addSignalListener((ch, signal) -> cancel());
            running = threads.submit(() -> execute(node));
        }

        private void execute(String node) {
            Supplier<String> stdin = () -> {
                try {
                    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                    in.transferTo(buffer);
                    return buffer.toString(StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            ShellResult result = shell.execute(new Session(site, node, stdin, sleeper), commandLine);
            try {
                out.write(result.stdout().getBytes(StandardCharsets.UTF_8));
                out.flush();
                err.write(result.stderr().getBytes(StandardCharsets.UTF_8));
                err.flush();
            } catch (IOException e) {
                return; // the client went away
            }
            if (!Thread.currentThread().isInterrupted()) {
                exit.onExit(result.exit());
            }
        }

        private void cancel() {
            Future<?> f = running;
            if (f != null) {
                f.cancel(true);
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            cancel();
        }
    }
}
