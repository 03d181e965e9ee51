package io.dayshift.charm;

/** A unit placed by {@link CharmModel#addUnit}: its name and its machine. */
public record NewUnit(String unit, String machine) {
}
