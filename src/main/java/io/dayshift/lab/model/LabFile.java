package io.dayshift.lab.model;

/** A file on a lab site's deployer or jump host: its text, or for a large archive, a stand-in text and its size. */
public record LabFile(String content, long size) {

    public static LabFile text(String content) {
        return new LabFile(content, content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }
}
