package io.dayshift.adapter.kolla;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code ansible <pattern> -m command -a '…'} prints with its ad-hoc stdout callback ({@code minimal}): one
 * block per host, in the order the hosts finished.
 *
 * <pre>
 * cn03 | CHANGED | rc=0 >>
 * (the command's stdout, then its stderr)
 * cn04 | FAILED | rc=1 >>
 * (stdout, stderr)non-zero return code
 * cn05 | UNREACHABLE! => {
 *     "changed": false,
 *     "msg": "Failed to connect to the host via ssh: ...",
 *     "unreachable": true
 * }
 * </pre>
 *
 * The callback writes stdout and stderr one after the other (Ansible strips the last newline of each), so the last line
 * of stdout and the first of stderr can end up on one line.
 */
final class AdHocOutput {

    /** How one host's command went. */
    enum Outcome { OK, FAILED, UNREACHABLE }

    /** One host's block. {@code text} is the command's output, or Ansible's message when there is no {@code rc}. */
    record HostResult(String host, Outcome outcome, int rc, String text) {

        List<String> lines() {
            return text.isEmpty() ? List.of() : List.of(text.split("\r?\n"));
        }

        /** Ansible's own words for a failure: its message, without the output. */
        String problem() {
            String last = text.strip();
            int cut = last.lastIndexOf('\n');
            return outcome == Outcome.UNREACHABLE ? "unreachable: " + last
                    : "rc=" + rc + ": " + (cut < 0 ? last : last.substring(cut + 1));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Pattern COMMAND_HEADER = Pattern.compile("^(\\S+) \\| (CHANGED|SUCCESS|FAILED) \\| rc=(-?\\d+) >>\\s*$");
    private static final Pattern JSON_HEADER = Pattern.compile("^(\\S+) \\| (UNREACHABLE!|FAILED!|SUCCESS|CHANGED) => (\\{.*)$");
    private static final String NON_ZERO = "non-zero return code";

    private AdHocOutput() {
    }

    static List<HostResult> parse(String stdout) {
        List<HostResult> results = new ArrayList<>();
        String[] lines = ANSI.matcher(stdout).replaceAll("").split("\r?\n", -1);
        int i = 0;
        while (i < lines.length) {
            Matcher command = COMMAND_HEADER.matcher(lines[i]);
            Matcher json = JSON_HEADER.matcher(lines[i]);
            if (command.matches()) {
                int end = next(lines, i + 1);
                String text = String.join("\n", List.of(lines).subList(i + 1, end)).stripTrailing();
                Outcome outcome = command.group(2).equals("FAILED") ? Outcome.FAILED : Outcome.OK;
                if (outcome == Outcome.FAILED && text.endsWith(NON_ZERO)) {
                    text = text.substring(0, text.length() - NON_ZERO.length()).stripTrailing();
                }
                results.add(new HostResult(command.group(1), outcome, Integer.parseInt(command.group(3)), text));
                i = end;
            } else if (json.matches()) {
                StringBuilder body = new StringBuilder(json.group(3)).append('\n');
                int j = i + 1;
                if (!json.group(3).strip().equals("{}")) {
                    while (j < lines.length && !lines[j].equals("}")) {
                        body.append(lines[j++]).append('\n');
                    }
                    if (j < lines.length) {
                        body.append(lines[j++]);
                    }
                }
                results.add(jsonResult(json.group(1), json.group(2), body.toString()));
                i = j;
            } else {
                i++; // warnings, blank lines
            }
        }
        return results;
    }

    private static int next(String[] lines, int from) {
        int j = from;
        while (j < lines.length && !COMMAND_HEADER.matcher(lines[j]).matches() && !JSON_HEADER.matcher(lines[j]).matches()) {
            j++;
        }
        return j;
    }

    private static HostResult jsonResult(String host, String caption, String body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            node = JSON.createObjectNode().put("msg", body.strip());
        }
        Outcome outcome = caption.startsWith("UNREACHABLE") ? Outcome.UNREACHABLE : caption.startsWith("FAILED") ? Outcome.FAILED : Outcome.OK;
        String text = node.path("msg").asText("");
        if (text.isEmpty()) {
            text = (node.path("stdout").asText("") + "\n" + node.path("stderr").asText("")).strip();
        }
        return new HostResult(host, outcome, node.path("rc").asInt(outcome == Outcome.OK ? 0 : -1), text);
    }
}
