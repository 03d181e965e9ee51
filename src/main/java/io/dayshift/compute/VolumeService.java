package io.dayshift.compute;

import java.util.Optional;

/** A Cinder service ({@code cinder-volume} hosts look like {@code host@backend}). */
public record VolumeService(String binary, String host, String zone, boolean enabled, boolean up, Optional<String> disabledReason) {
}
