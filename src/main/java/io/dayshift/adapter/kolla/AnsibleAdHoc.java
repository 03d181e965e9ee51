package io.dayshift.adapter.kolla;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of an Ansible ad-hoc command ({@code ansible <pattern> -m command -a '…'}), which Ansible's minimal
 * callback prints per host: {@code cc01 | CHANGED | rc=0 >>} then the command's output, {@code cc01 | FAILED | rc=1 >>}
 * then its output and {@code non-zero return code}, or {@code cc01 | UNREACHABLE! => { … }}.
 */
final class AnsibleAdHoc {

    private static final Pattern HEADER = Pattern.compile("^(\\S+) \\| (CHANGED|SUCCESS|FAILED!?|UNREACHABLE!)(?: \\| rc=(-?\\d+))? (?:>>|=>).*$");

    /** One host's answer. */
    record HostOutput(String host, String status, int rc, String output) {

        boolean succeeded() {
            return (status.equals("CHANGED") || status.equals("SUCCESS")) && rc == 0;
        }

        boolean unreachable() {
            return status.startsWith("UNREACHABLE");
        }
    }

    private AnsibleAdHoc() {
    }

    static List<HostOutput> parse(String stdout) {
        List<HostOutput> hosts = new ArrayList<>();
        String host = null;
        String status = null;
        int rc = 0;
        StringBuilder output = new StringBuilder();
        for (String line : stdout.split("\n", -1)) {
            Matcher m = HEADER.matcher(line);
            if (m.matches()) {
                if (host != null) {
                    hosts.add(new HostOutput(host, status, rc, output.toString().strip()));
                }
                host = m.group(1);
                status = m.group(2);
                rc = m.group(3) == null ? (status.startsWith("FAILED") || status.startsWith("UNREACHABLE") ? -1 : 0) : Integer.parseInt(m.group(3));
                output.setLength(0);
            } else if (host != null) {
                output.append(line).append('\n');
            }
        }
        if (host != null) {
            hosts.add(new HostOutput(host, status, rc, output.toString().strip()));
        }
        return hosts;
    }
}
