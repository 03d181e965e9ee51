package io.dayshift.lab.model;

/** An instance's flavor. */
public record Flavor(String id, String name, int vcpus, long ramMib, long diskGib) {
}
