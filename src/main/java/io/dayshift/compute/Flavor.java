package io.dayshift.compute;

/** A Nova flavor. */
public record Flavor(String id, String name, int vcpus, int ramMb, int diskGb, boolean isPublic) {
}
