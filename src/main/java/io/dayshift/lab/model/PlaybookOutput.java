package io.dayshift.lab.model;

import java.util.Collection;
import java.util.List;

/** Writes kolla-ansible's output the way ansible-playbook's default callback does, ending with a PLAY RECAP. */
final class PlaybookOutput {

    private final StringBuilder out = new StringBuilder();

    private static String banner(String title) {
        String head = title + " ";
        return head + "*".repeat(Math.max(3, 80 - head.length())) + "\n";
    }

    PlaybookOutput play(String name) {
        out.append('\n').append(banner("PLAY [" + name + "]"));
        return this;
    }

    PlaybookOutput task(String name, Collection<String> ok, Collection<String> changed, Collection<String> failed, Collection<String> unreachable,
                        String failure) {
        out.append('\n').append(banner("TASK [" + name + "]"));
        ok.forEach(h -> out.append("ok: [").append(h).append("]\n"));
        changed.forEach(h -> out.append("changed: [").append(h).append("]\n"));
        unreachable.forEach(h -> out.append("fatal: [").append(h).append("]: UNREACHABLE! => {\"changed\": false, \"msg\": \"Failed to connect to the host via ssh: ssh: connect to host ")
                .append(h).append(" port 22: No route to host\", \"unreachable\": true}\n"));
        failed.forEach(h -> out.append("fatal: [").append(h).append("]: FAILED! => {\"changed\": false, \"msg\": \"")
                .append(failure.replace("\"", "\\\"")).append("\"}\n"));
        return this;
    }

    PlaybookOutput error(String message) {
        out.append("ERROR! ").append(message).append('\n');
        return this;
    }

    PlaybookOutput recap(List<String> hosts, List<String> failed, List<String> unreachable, int tasks) {
        out.append('\n').append(banner("PLAY RECAP"));
        for (String host : hosts) {
            boolean down = unreachable.contains(host);
            boolean bad = failed.contains(host);
            int ok = down ? 0 : bad ? tasks / 2 : tasks;
            int changed = down ? 0 : bad ? 1 : Math.max(1, tasks / 4);
            out.append(String.format("%-26s : ok=%-4d changed=%-4d unreachable=%-4d failed=%-4d skipped=%-4d rescued=%-4d ignored=%-4d%n",
                    host, ok, changed, down ? 1 : 0, bad ? 1 : 0, down ? 0 : 3, 0, 0));
        }
        return this;
    }

    PlaybookOutput line(String text) {
        out.append(text).append('\n');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
