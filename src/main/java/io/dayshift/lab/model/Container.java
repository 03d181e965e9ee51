package io.dayshift.lab.model;

/**
 * A Kolla container on a node.
 *
 * @param status {@code Up 3 days (healthy)}, {@code Exited (1) 2 minutes ago}, {@code Restarting (1) 5 seconds ago}
 */
public record Container(String id, String name, String image, String status, boolean running) {
}
