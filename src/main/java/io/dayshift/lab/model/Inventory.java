package io.dayshift.lab.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads an Ansible INI inventory the way kolla-ansible's playbooks see it: groups, hosts, {@code :children}. */
final class Inventory {

    private static final Pattern SECTION = Pattern.compile("^\\s*\\[([^\\]\\s]+)\\]\\s*(?:[#;].*)?$");
    private static final Pattern RANGE = Pattern.compile("^(.*?)\\[([0-9]+):([0-9]+)\\](.*)$");

    private final Map<String, Set<String>> hosts = new LinkedHashMap<>();
    private final Map<String, Set<String>> children = new LinkedHashMap<>();

    private Inventory() {
    }

    static Inventory parse(String text) {
        Inventory inventory = new Inventory();
        String section = null;
        boolean childrenSection = false;
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            Matcher m = SECTION.matcher(line);
            if (m.matches()) {
                String name = m.group(1);
                childrenSection = name.endsWith(":children");
                section = name.endsWith(":vars") ? null : childrenSection ? name.substring(0, name.indexOf(':')) : name;
                if (section != null) {
                    (childrenSection ? inventory.children : inventory.hosts).computeIfAbsent(section, k -> new LinkedHashSet<>());
                }
                continue;
            }
            if (section == null) {
                continue;
            }
            String first = line.split("\\s+")[0];
            if (childrenSection) {
                inventory.children.get(section).add(first);
            } else {
                inventory.hosts.get(section).addAll(expand(first));
            }
        }
        return inventory;
    }

    private static List<String> expand(String pattern) {
        Matcher m = RANGE.matcher(pattern);
        if (!m.matches()) {
            return List.of(pattern);
        }
        List<String> out = new ArrayList<>();
        int from = Integer.parseInt(m.group(2));
        int to = Integer.parseInt(m.group(3));
        int width = m.group(2).length();
        for (int i = from; i <= to; i++) {
            String n = m.group(2).startsWith("0") && width > 1 ? String.format("%0" + width + "d", i) : Integer.toString(i);
            out.addAll(expand(m.group(1) + n + m.group(4)));
        }
        return out;
    }

    /** Every host of every group, in order of appearance. */
    Set<String> allHosts() {
        Set<String> all = new LinkedHashSet<>();
        hosts.values().forEach(all::addAll);
        return all;
    }

    boolean hasGroup(String group) {
        return hosts.containsKey(group) || children.containsKey(group);
    }

    /** The hosts of a group, through its children. */
    Set<String> hostsOf(String group) {
        Set<String> out = new LinkedHashSet<>();
        collect(group, out, new LinkedHashSet<>());
        return out;
    }

    private void collect(String group, Set<String> out, Set<String> seen) {
        if (!seen.add(group)) {
            return;
        }
        out.addAll(hosts.getOrDefault(group, Set.of()));
        for (String child : children.getOrDefault(group, Set.of())) {
            collect(child, out, seen);
        }
    }

    /** The groups a host is in, directly or as a child group's member. */
    Set<String> groupsOf(String host) {
        Set<String> groups = new LinkedHashSet<>();
        for (String group : groupNames()) {
            if (hostsOf(group).contains(host)) {
                groups.add(group);
            }
        }
        return groups;
    }

    private Set<String> groupNames() {
        Set<String> names = new LinkedHashSet<>(hosts.keySet());
        names.addAll(children.keySet());
        return names;
    }

    /** Hosts matched by an Ansible {@code --limit}: host names and group names separated by commas. */
    Set<String> limit(Set<String> candidates, List<String> limit) {
        if (limit.isEmpty()) {
            return candidates;
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String item : limit) {
            if (hasGroup(item)) {
                wanted.addAll(hostsOf(item));
            } else {
                wanted.add(item);
            }
        }
        Set<String> out = new LinkedHashSet<>(candidates);
        out.retainAll(wanted);
        return out;
    }
}
