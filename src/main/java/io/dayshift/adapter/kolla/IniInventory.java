package io.dayshift.adapter.kolla;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits of an Ansible INI inventory that touch nothing but the one host line: comments, blank lines, other groups,
 * {@code :children} and {@code :vars} sections and the file's last newline stay as they were.
 */
final class IniInventory {

    private static final Pattern SECTION = Pattern.compile("^\\s*\\[([^\\]\\s]+)\\]\\s*(?:[#;].*)?$");
    private static final Pattern RANGE = Pattern.compile("^(.*?)\\[([0-9]+|[a-z]):([0-9]+|[a-z])(?::([0-9]+))?\\](.*)$");

    private IniInventory() {
    }

    /** Whether {@code host} is listed in {@code [group]}, directly or through a range such as {@code cn[01:10]}. */
    static boolean contains(String text, String group, String host) {
        return hostLines(lines(text), group).stream().anyMatch(l -> covers(l.pattern, host));
    }

    /** The text with {@code host} added at the end of {@code [group]}'s host lines; the same text if already there. */
    static String withHost(String text, String group, String host) {
        List<String> lines = lines(text);
        if (contains(text, group, host)) {
            return text;
        }
        int header = firstHeader(lines, group);
        if (header < 0) {
            throw new IllegalArgumentException("the inventory has no [" + group + "] group");
        }
        int insertAt = header + 1;
        for (int i = header + 1; i < lines.size() && !isSection(lines.get(i)); i++) {
            if (isHostLine(lines.get(i))) {
                insertAt = i + 1;
            }
        }
        lines.add(insertAt, host);
        return join(lines, text);
    }

    /** The text without {@code host}'s lines in {@code [group]}; the same text if it is not there. */
    static String withoutHost(String text, String group, String host) {
        List<String> lines = lines(text);
        List<HostLine> inGroup = hostLines(lines, group);
        if (inGroup.stream().anyMatch(l -> !l.pattern.equals(host) && covers(l.pattern, host))) {
            throw new IllegalArgumentException("host " + host + " is listed in [" + group + "] through a range pattern; edit it by hand");
        }
        List<Integer> drop = inGroup.stream().filter(l -> l.pattern.equals(host)).map(l -> l.index).toList();
        if (drop.isEmpty()) {
            return text;
        }
        for (int i = drop.size() - 1; i >= 0; i--) {
            lines.remove((int) drop.get(i));
        }
        return join(lines, text);
    }

    private record HostLine(int index, String pattern) {
    }

    private static List<HostLine> hostLines(List<String> lines, String group) {
        List<HostLine> found = new ArrayList<>();
        boolean inGroup = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher section = SECTION.matcher(line);
            if (section.matches()) {
                inGroup = section.group(1).equals(group);
            } else if (inGroup && isHostLine(line)) {
                found.add(new HostLine(i, line.strip().split("\\s+")[0]));
            }
        }
        return found;
    }

    private static int firstHeader(List<String> lines, String group) {
        for (int i = 0; i < lines.size(); i++) {
            Matcher section = SECTION.matcher(lines.get(i));
            if (section.matches() && section.group(1).equals(group)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isSection(String line) {
        return SECTION.matcher(line).matches();
    }

    private static boolean isHostLine(String line) {
        String s = line.strip();
        return !s.isEmpty() && !s.startsWith("#") && !s.startsWith(";") && !isSection(line);
    }

    /** Whether an inventory host pattern (a name or a name with {@code [a:b]} ranges) stands for {@code host}. */
    static boolean covers(String pattern, String host) {
        Matcher m = RANGE.matcher(pattern);
        if (!m.matches()) {
            return pattern.equals(host);
        }
        String prefix = m.group(1);
        String suffix = m.group(5);
        if (!host.startsWith(prefix)) {
            return false;
        }
        String start = m.group(2);
        String end = m.group(3);
        int step = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
        if (Character.isDigit(start.charAt(0))) {
            int from = Integer.parseInt(start);
            int to = Integer.parseInt(end);
            boolean padded = start.length() > 1 && start.startsWith("0");
            for (int i = from; i <= to; i += step) {
                String value = padded ? String.format("%0" + start.length() + "d", i) : Integer.toString(i);
                if (covers(prefix + value + suffix, host)) {
                    return true;
                }
            }
            return false;
        }
        for (char c = start.charAt(0); c <= end.charAt(0); c += (char) step) {
            if (covers(prefix + c + suffix, host)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // the text's final newline
        }
        return lines;
    }

    private static String join(List<String> lines, String original) {
        return String.join("\n", lines) + (original.endsWith("\n") || original.isEmpty() ? "\n" : "");
    }
}
