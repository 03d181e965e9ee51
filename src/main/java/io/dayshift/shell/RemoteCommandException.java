package io.dayshift.shell;

import java.util.function.Supplier;

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

    /**
     * Makes the call; when it cannot be run or does not finish, raises this exception again with {@code context} (the site
     * and the operation, say) before the message.
     */
    public static <T> T within(String context, Supplier<T> call) {
        try {
            return call.get();
        } catch (RemoteCommandException e) {
            throw new RemoteCommandException(context + ": " + e.getMessage(), e);
        }
    }
}
