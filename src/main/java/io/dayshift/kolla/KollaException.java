package io.dayshift.kolla;

/**
 * A Kolla deployer operation could not be done: a file could not be read or safely written, a command needed to do
 * the edit failed, or the inventory does not have the expected shape. The message names the site, the deployer host,
 * the file or host and the operation, and carries no secret.
 */
public class KollaException extends RuntimeException {

    public KollaException(String message) {
        super(message);
    }
}
