package io.dayshift.kolla;

/**
 * An edit of a file on the deployer.
 *
 * @param file    the file edited
 * @param changed false when the file already said what was asked (nothing was written)
 * @param backup  the copy taken before writing ({@code file.dayshift-<UTC timestamp>}), {@code ""} when unchanged
 */
public record FileChange(String file, boolean changed, String backup) {
}
