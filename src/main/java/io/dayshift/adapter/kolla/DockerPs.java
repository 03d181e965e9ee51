package io.dayshift.adapter.kolla;

import io.dayshift.kolla.NodeContainer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code docker ps -a} (and {@code podman ps -a}) in its default table: the columns are found by the header's
 * words, since the values (the command, the status) contain single spaces. Names are the last column.
 */
final class DockerPs {

    private DockerPs() {
    }

    static List<NodeContainer> parse(List<String> lines) {
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("CONTAINER ID")) {
                header = i;
                break;
            }
        }
        if (header < 0) {
            throw new IllegalArgumentException("no 'CONTAINER ID … NAMES' header in the output of docker ps");
        }
        String h = lines.get(header);
        int image = h.indexOf("IMAGE");
        int command = h.indexOf("COMMAND");
        int status = h.indexOf("STATUS");
        int ports = h.indexOf("PORTS");
        int names = h.indexOf("NAMES");
        if (image < 0 || command < 0 || status < 0 || ports < 0 || names < 0) {
            throw new IllegalArgumentException("unexpected docker ps header: " + h.strip());
        }
        List<NodeContainer> containers = new ArrayList<>();
        for (String row : lines.subList(header + 1, lines.size())) {
            if (row.isBlank() || row.length() <= names) {
                continue;
            }
            String state = column(row, status, ports);
            containers.add(new NodeContainer(row.substring(names).strip(), column(row, image, command), state,
                    state.startsWith("Up") && !state.contains("(Paused)")));
        }
        return containers;
    }

    private static String column(String row, int from, int to) {
        return row.length() <= from ? "" : row.substring(from, Math.min(to, row.length())).strip();
    }
}
