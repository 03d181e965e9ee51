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
}
