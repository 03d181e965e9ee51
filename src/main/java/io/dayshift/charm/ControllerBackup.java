package io.dayshift.charm;

/**
 * A controller backup made by {@link CharmModel#createControllerBackup}.
 *
 * @param host      the Juju host (user@host) the archive was downloaded to
 * @param file      the archive's absolute path there
 * @param sizeBytes its size
 */
public record ControllerBackup(String host, String file, long sizeBytes) {
}
