package io.dayshift.shell;

/**
 * A command could not be run or did not finish: unreachable host, refused or changed host key,
 * authentication failure, timeout. The message names the host and what was attempted and carries
 * no secret. A command that ran and exited non-zero is not this: it is a {@link CommandResult}.
 */
public class RemoteCommandException extends RuntimeException {

    public RemoteCommandException(String message) {
        super(message);
    }

    public RemoteCommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
