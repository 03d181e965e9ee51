package io.dayshift.backup;

/**
 * Whether an artefact can be read as what it claims to be, by the tool that would restore it.
 *
 * @param readable true when the check passed
 * @param check    the command that checked it ({@code gzip -t …}, {@code pg_restore --list …})
 * @param evidence the tail of its output, for the audit record
 */
public record Readability(boolean readable, String check, String evidence) {
}
