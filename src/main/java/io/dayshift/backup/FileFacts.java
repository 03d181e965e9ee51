package io.dayshift.backup;

/**
 * What a host says of one file, read there: {@code sha256sum} and {@code stat -c '%s %a'}.
 *
 * @param host      the host, as Dayshift reaches it
 * @param path      the file's absolute path
 * @param sizeBytes its size
 * @param mode      its octal permission bits ({@code 600})
 * @param sha256    its hex SHA-256
 */
public record FileFacts(String host, String path, long sizeBytes, String mode, String sha256) {
}
