package io.dayshift.shell;

import io.dayshift.site.SshEndpoint;
import java.time.Duration;

/** Runs one command on one host. The port through which every SSH call of Dayshift goes. */
public interface RemoteShell {

    /**
     * Runs the command and waits for it to exit, at most {@code timeout}; on timeout the remote
     * command is cancelled and a {@link RemoteCommandException} raised.
     *
     * @return the exit status and the (bounded) output, whatever the exit status
     * @throws RemoteCommandException when the host cannot be reached, its key is unknown or changed,
     *                                authentication fails, or the command times out
     */
    CommandResult run(SshEndpoint endpoint, ShellCommand command, Duration timeout);

    /**
     * Like {@link #run(SshEndpoint, ShellCommand, Duration)}, with {@code input} written to the command's
     * standard input, followed by end-of-file. This is how content (a file's new text for {@code tee}) reaches
     * a host without ever being part of a command line.
     */
    default CommandResult runWithInput(SshEndpoint endpoint, ShellCommand command, byte[] input, Duration timeout) {
        if (input.length == 0) {
            return run(endpoint, command, timeout);
        }
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot send input to a remote command");
    }
}
