package io.dayshift.adapter.kolla;

import io.dayshift.kolla.HostRecap;
import io.dayshift.kolla.KollaOutcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads ansible-playbook's PLAY RECAP and exit code (default stdout callback). */
final class AnsibleResults {

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Pattern BANNER = Pattern.compile("^PLAY RECAP \\*+\\s*$");
    private static final Pattern LINE = Pattern.compile(
            "^(\\S+)\\s*:\\s*ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+failed=(\\d+)\\s+skipped=(\\d+)\\s+rescued=(\\d+)\\s+ignored=(\\d+)\\s*$");

    private AnsibleResults() {
    }

    /** The hosts of the last PLAY RECAP in the output (kolla-ansible may run several playbooks), in order. */
    static Map<String, HostRecap> recap(String output) {
        Map<String, HostRecap> last = new LinkedHashMap<>();
        boolean inRecap = false;
        for (String raw : ANSI.matcher(output).replaceAll("").split("\r?\n")) {
            if (BANNER.matcher(raw).matches()) {
                last = new LinkedHashMap<>();
                inRecap = true;
                continue;
            }
            if (!inRecap) {
                continue;
            }
            Matcher m = LINE.matcher(raw);
            if (m.matches()) {
                last.put(m.group(1), new HostRecap(m.group(1), n(m, 2), n(m, 3), n(m, 4), n(m, 5), n(m, 6), n(m, 7), n(m, 8)));
            } else if (!raw.isBlank()) {
                inRecap = false;
            }
        }
        return last;
    }

    /**
     * The outcome of an exit code; exit 4 means either unreachable hosts or a parse error, and the recap tells which.
     * Unreachable wins over failed in Ansible's own mapping, so a 4 with unreachable hosts is HOSTS_UNREACHABLE.
     *
     * <p>Exit 1 with troubled hosts in the recap is read from the recap: the bash CLI of kolla-ansible (up to 19.x,
     * {@code tools/kolla-ansible} {@code process_cmd}) exits 1 whenever ansible-playbook fails, after printing
     * {@code Command failed ansible-playbook …}, so its 2 and 4 arrive as 1. ansible-playbook itself exits 1 only for an
     * error that stops it before the PLAY RECAP is printed.
     */
    static KollaOutcome outcome(int exitCode, Map<String, HostRecap> recap) {
        return switch (exitCode) {
            case 0 -> KollaOutcome.SUCCEEDED;
            case 1 -> recap.values().stream().anyMatch(h -> h.unreachable() > 0) ? KollaOutcome.HOSTS_UNREACHABLE
                    : recap.values().stream().anyMatch(h -> h.failed() > 0) ? KollaOutcome.HOSTS_FAILED : KollaOutcome.ERROR;
            case 2 -> KollaOutcome.HOSTS_FAILED;
            case 4 -> recap.values().stream().anyMatch(h -> h.unreachable() > 0) ? KollaOutcome.HOSTS_UNREACHABLE : KollaOutcome.PARSE_ERROR;
            case 5, 6 -> KollaOutcome.BAD_OPTIONS;
            case 99 -> KollaOutcome.INTERRUPTED;
            case 250 -> KollaOutcome.UNEXPECTED_ERROR;
            default -> KollaOutcome.UNKNOWN;
        };
    }

    private static int n(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
