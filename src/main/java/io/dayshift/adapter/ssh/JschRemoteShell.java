package io.dayshift.adapter.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchHostKeyException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.Session;
import io.dayshift.evidence.Call;
import io.dayshift.evidence.Journal;
import io.dayshift.shell.CommandResult;
import io.dayshift.shell.RemoteCommandException;
import io.dayshift.shell.RemoteShell;
import io.dayshift.shell.ShellCommand;
import io.dayshift.site.Secrets;
import io.dayshift.site.SshEndpoint;
import java.io.ByteArrayInputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link RemoteShell}: one SSH session per command (JSch), key authentication only, and the
 * host key checked strictly against the endpoint's known_hosts file. Output is kept up to a bound per stream
 * (the tail); a command that outlives its timeout is signalled and its channel closed. Every command that was sent is
 * journaled in the run's evidence ({@link Journal}): the host, the command line as sent (secrets masked), its exit code
 * (or that it timed out, or ended without one) and the masked tail of its output; a command never sent (no connection, a
 * refused host key) is not — the step's failure says why.
 */
final class JschRemoteShell implements RemoteShell {

    private static final Logger log = LoggerFactory.getLogger(JschRemoteShell.class);
    /** How often the (JSch-owned) channel is looked at while a command runs; not a wait for a long operation. */
    private static final long CHECK_EVERY_MILLIS = 20;
    private static final Pattern FINGERPRINT = Pattern.compile("fingerprint is (\\S+?)\\.?(?:\\s|$)");

    private final SshProperties properties;
    private final Secrets secrets;
    private final Journal journal;

    JschRemoteShell(SshProperties properties, Secrets secrets, Journal journal) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    @Override
    public CommandResult run(SshEndpoint endpoint, ShellCommand command, Duration timeout) {
        return runWithInput(endpoint, command, new byte[0], timeout);
    }

    @Override
    public CommandResult runWithInput(SshEndpoint endpoint, ShellCommand command, byte[] input, Duration timeout) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(input, "input");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a command needs a positive timeout, got " + timeout);
        }
        String line = command.render();
        String shown = secrets.redact(line);
        log.info("ssh {} $ {}", endpoint.display(), shown);

        long started = System.nanoTime();
        Session session = connect(endpoint, shown);
        ChannelExec channel = null;
        try {
            channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(line);
            TailBuffer stdout = new TailBuffer(properties.maxOutputBytes());
            TailBuffer stderr = new TailBuffer(properties.maxOutputBytes());
            channel.setOutputStream(stdout, true);
            channel.setErrStream(stderr, true);
            // Always an input stream, even an empty one: JSch then sends end-of-file, so a command that reads
            // its standard input can never hang waiting for it.
            channel.setInputStream(new ByteArrayInputStream(input), false);
            channel.connect(millis(properties.connectTimeout()));

            long deadline = started + timeout.toNanos();
            while (!channel.isClosed()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    cancel(channel);
                    journal(endpoint, shown, "timed out after " + human(timeout) + ", cancelled", stdout, stderr);
                    log.warn("ssh {} $ {} timed out after {}", endpoint.display(), shown, timeout);
                    throw new RemoteCommandException("command timed out after " + human(timeout) + " on " + endpoint.display()
                            + " and was cancelled: " + shown);
                }
                Thread.sleep(Math.min(CHECK_EVERY_MILLIS, Math.max(1, left / 1_000_000)));
            }
            int exit = channel.getExitStatus();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            journal(endpoint, shown, exit < 0 ? "no exit status (killed by a signal, or the connection was lost)" : "exit " + exit, stdout, stderr);
            if (exit < 0) {
                throw new RemoteCommandException("command ended without an exit status on " + endpoint.display()
                        + " (killed by a signal, or the connection was lost): " + shown);
            }
            log.info("ssh {} $ {} exited {} after {} ms", endpoint.display(), shown, exit, took.toMillis());
            return new CommandResult(line, exit, stdout.text(), stderr.text(), stdout.truncated() || stderr.truncated(), took);
        } catch (JSchException e) {
            log.debug("ssh {} channel failure", endpoint.display(), e);
            throw new RemoteCommandException("cannot run command on " + endpoint.display() + ": " + describe(e) + "; command: " + shown);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel(channel);
            throw new RemoteCommandException("interrupted while running a command on " + endpoint.display() + "; it was cancelled: " + shown);
        } finally {
            if (channel != null) {
                channel.disconnect();
            }
            session.disconnect();
        }
    }

    /** Journals a command that was sent: host, command line (masked), how it ended, the masked tail of its output. */
    private void journal(SshEndpoint endpoint, String shown, String outcome, TailBuffer stdout, TailBuffer stderr) {
        String err = stderr.text();
        String output = stdout.text() + (err.isBlank() ? "" : (stdout.text().isEmpty() ? "" : "\n") + "[stderr] " + err);
        journal.record(new Call(Call.SSH, endpoint.display(), "$ " + shown, outcome, secrets.redact(output)));
    }

    private Session connect(SshEndpoint endpoint, String shown) {
        Path key = endpoint.privateKey();
        Path knownHosts = endpoint.knownHosts();
        if (!Files.isReadable(key)) {
            throw new RemoteCommandException("cannot connect to " + endpoint.display() + ": private key file " + key
                    + " is missing or not readable; command: " + shown);
        }
        if (!Files.isReadable(knownHosts)) {
            throw new RemoteCommandException("cannot connect to " + endpoint.display() + ": known_hosts file " + knownHosts
                    + " is missing or not readable (host keys are always checked); command: " + shown);
        }
        try {
            JSch jsch = new JSch();
            jsch.setKnownHosts(knownHosts.toString());
            jsch.addIdentity(key.toString());
            Session session = jsch.getSession(endpoint.user(), endpoint.host(), endpoint.port());
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", "publickey");
            session.setServerAliveInterval(millis(properties.serverAliveInterval()));
            session.setServerAliveCountMax(properties.serverAliveCountMax());
            session.connect(millis(properties.connectTimeout()));
            return session;
        } catch (JSchUnknownHostKeyException e) {
            throw new RemoteCommandException("refused to connect to " + endpoint.display() + ": its host key is UNKNOWN (host "
                    + endpoint.host() + " is not in known_hosts file " + knownHosts + fingerprint(e)
                    + "); add the key after checking it out of band; command not run: " + shown);
        } catch (JSchChangedHostKeyException e) {
            throw new RemoteCommandException("refused to connect to " + endpoint.display() + ": its host key has CHANGED (host "
                    + endpoint.host() + " presents a key that differs from known_hosts file " + knownHosts
                    + "; a reinstalled host or a man in the middle); command not run: " + shown);
        } catch (JSchHostKeyException e) {
            throw new RemoteCommandException("refused to connect to " + endpoint.display() + ": host key rejected against known_hosts file "
                    + knownHosts + " (" + secrets.redact(e.getMessage()) + "); command not run: " + shown);
        } catch (JSchException e) {
            log.debug("ssh {} connection failure", endpoint.display(), e);
            throw new RemoteCommandException("cannot connect to " + endpoint.display() + ": " + describe(e) + "; command not run: " + shown);
        }
    }

    private String describe(JSchException e) {
        Throwable cause = e.getCause();
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (cause instanceof SocketTimeoutException || message.contains("timeout")) {
            return "connection timed out after " + human(properties.connectTimeout());
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof UnknownHostException) {
            return "unknown host name";
        }
        if (cause instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (message.contains("Auth fail") || message.contains("USERAUTH fail")) {
            return "public-key authentication failed (wrong user or key not authorised)";
        }
        if (message.contains("invalid privatekey")) {
            return "the private key file cannot be read as a key (encrypted keys are not supported)";
        }
        return "SSH failure (" + secrets.redact(message) + ")";
    }

    private static String fingerprint(JSchException e) {
        Matcher m = FINGERPRINT.matcher(String.valueOf(e.getMessage()));
        return m.find() ? "; it offered " + m.group(1) : "";
    }

    /** Asks the remote side to kill the command, then closes the channel (which also ends it on most servers). */
    private static void cancel(ChannelExec channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.sendSignal("KILL");
        } catch (Exception e) {
            log.debug("could not send KILL to the remote command", e);
        }
        channel.disconnect();
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase();
    }
}
