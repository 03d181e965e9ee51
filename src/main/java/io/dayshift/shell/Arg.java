package io.dayshift.shell;

import java.util.regex.Pattern;

/**
 * The kinds of value that may reach a remote shell, each with the strict pattern it must match before
 * any command is built. A value that does not match is refused with a message naming the kind; a value
 * that matches is still single-quoted by {@link ShellCommand}, so even a pattern mistake stays inert.
 */
public enum Arg {
    /** A host name as OpenStack, MAAS and Ansible know it: {@code cn01}, {@code cn01.example.org}. */
    HOSTNAME("[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*", "a host name such as cn01 or cn01.example.org"),
    /** A Juju application: {@code nova-compute}. */
    APPLICATION("[a-z][a-z0-9]*(?:-[a-z0-9]+)*", "a Juju application name such as nova-compute"),
    /** A Juju unit: {@code nova-compute/3}. */
    UNIT("[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[0-9]{1,6}", "a Juju unit name such as nova-compute/3"),
    /** A Juju machine: {@code 7} or {@code 7/lxd/2}. */
    MACHINE("[0-9]{1,6}(?:/(?:lxd|kvm)/[0-9]{1,6})?", "a Juju machine number such as 7 or 7/lxd/2"),
    /** A Juju model, optionally controller-qualified: {@code openstack}, {@code ctrl:admin/openstack}. */
    MODEL("(?:[a-z0-9][a-z0-9-]{0,62}:)?(?:[a-z0-9][a-z0-9.-]{0,62}/)?[a-z0-9][a-z0-9-]{0,62}", "a Juju model name such as openstack"),
    /** A charm channel: {@code 2024.1/stable}, {@code latest/edge}. */
    CHANNEL("[a-z0-9][a-z0-9.-]{0,30}/(?:stable|candidate|beta|edge)(?:/[a-z0-9][a-z0-9.-]{0,30})?", "a charm channel such as 2024.1/stable"),
    /** An OpenStack release: {@code 2024.1}, or a series name such as {@code caracal}. */
    RELEASE("(?:20[0-9]{2}\\.[12]|[a-z]{3,12})", "an OpenStack release such as 2024.1 or caracal"),
    /** A charm action or kolla/juju sub-command word: {@code openstack-upgrade}, {@code mariadb_backup}. */
    WORD("[a-z][a-z0-9_-]{0,62}", "a command word of lower-case letters, digits, '-' and '_'"),
    /** A systemd unit a charm declares: {@code nova-compute}, {@code ceph-osd.target}. */
    SERVICE("[a-z][a-z0-9_-]{0,62}(?:\\.(?:service|target))?", "a systemd unit name such as nova-compute or ceph-osd.target"),
    /** An action parameter or Ansible extra var: {@code key=value} with a plain value. */
    KEY_VALUE("[a-z][a-z0-9_.-]{0,62}=[A-Za-z0-9_.,:/@+=-]{0,255}", "a key=value pair with a plain value"),
    /** An absolute path without {@code ..}, spaces or shell characters: {@code /etc/kolla/globals.yml}. */
    PATH("/(?:[A-Za-z0-9_.+@-]+/)*[A-Za-z0-9_.+@-]*", "an absolute path such as /etc/kolla/globals.yml"),
    /** A MAAS system id ({@code thr3am}) or tag ({@code openstack-compute}); never starting with {@code -}, which a command would read as an option. */
    MAAS_NAME("[A-Za-z0-9_][A-Za-z0-9_-]{0,63}", "a MAAS system id or tag name (not starting with -)"),
    /** A non-negative integer. */
    NUMBER("[0-9]{1,9}", "a number"),
    /** Host names separated by commas, for an Ansible {@code --limit}: {@code cn05,cn06.example.org}. */
    HOST_LIST("[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*(?:,[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*){0,199}",
            "host names separated by commas such as cn05,cn06"),
    /**
     * The id of a detached run, chosen by the caller and stable across retries of one step (a process instance id and an
     * activity id: {@code 4711-Task_DeployComputeHost}); one path segment, never {@code .} or {@code ..}.
     */
    RUN_ID("[A-Za-z0-9][A-Za-z0-9_.-]{0,100}", "a run id of letters, digits, '.', '_' and '-' starting with a letter or digit (at most 101)"),
    /**
     * An Ansible host pattern naming one host or group, optionally one member of a group by index: {@code cn05},
     * {@code nova-conductor}, {@code nova-conductor[0]}.
     */
    HOST_PATTERN("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}(?:\\[[0-9]{1,4}\\])?", "an Ansible host pattern such as cn05, compute or nova-conductor[0]"),
    // ---- backup-site
    /** A {@code stat -c} format of {@code %} directives separated by spaces: {@code %s %a}. */
    STAT_FORMAT("%[a-zA-Z](?: %[a-zA-Z]){0,7}", "a stat format such as '%s %a'"),
    /** Fixed text searched for in a file ({@code zgrep -F -e}): {@code -- Dump completed}. */
    SEARCH_TEXT("[A-Za-z0-9 _.:-]{1,64}", "a search text of letters, digits, spaces, '_', '.', ':' and '-'"),
    /** A member of an archive, relative, without {@code ..}: {@code etc/kolla/globals.yml}. */
    ARCHIVE_MEMBER("[A-Za-z0-9_+@][A-Za-z0-9_.+@-]*(?:/[A-Za-z0-9_+@][A-Za-z0-9_.+@-]*)*", "an archive member such as etc/kolla/globals.yml"),
    /** A file on a Juju unit's machine, for {@code juju scp}: {@code mysql-innodb-cluster/0:/var/backups/mysql/dump.gz}. */
    UNIT_FILE("[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[0-9]{1,6}:/(?:[A-Za-z0-9_.+@-]+/)*[A-Za-z0-9_.+@-]+", "a unit file such as mysql-innodb-cluster/0:/var/backups/mysql/dump.gz"),
    /** An HTTP(S) address without path or credentials: {@code https://127.0.0.1:8200}. */
    URL("https?://[A-Za-z0-9](?:[A-Za-z0-9.-]{0,253})(?::[0-9]{1,5})?/?", "an address such as https://127.0.0.1:8200"),
    /**
     * The one SQL statement Dayshift sends to {@code mysql -e}: row counts of named tables,
     * {@code SELECT 'nova.instances', COUNT(*) FROM nova.instances WHERE deleted = 0 UNION ALL SELECT …}.
     */
    ROW_COUNT_QUERY("SELECT '([a-z_]{1,64}\\.[a-z_]{1,64})', COUNT\\(\\*\\) FROM \\1(?: WHERE deleted = 0)?"
            + "(?: UNION ALL SELECT '([a-z_]{1,64}\\.[a-z_]{1,64})', COUNT\\(\\*\\) FROM [a-z_]{1,64}\\.[a-z_]{1,64}(?: WHERE deleted = 0)?){0,19}",
            "a row count query of named tables"),
    // ---- dr-restore

    /** A container image reference: {@code quay.io/openstack.kolla/mariadb-server:2023.2-ubuntu-jammy}. */
    IMAGE("[a-z0-9][a-z0-9._-]{0,62}(?::[0-9]{1,5})?(?:/[a-z0-9][a-z0-9._-]{0,127}){0,5}(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?",
            "a container image such as quay.io/openstack.kolla/mariadb-server:2023.2-ubuntu-jammy"),
    /** A file name without a directory: {@code mysqlbackup-21-11-2026-1763683200.qp.xbc.xbs.gz}. */
    FILE_NAME("[A-Za-z0-9_][A-Za-z0-9_.+@-]{0,254}", "a file name such as mysqlbackup-21-11-2026.qp.xbc.xbs.gz (no directory)"),
    /** A file on another host as {@code scp} names it: {@code user@host:/absolute/path}. */
    REMOTE_FILE("[a-z_][a-z0-9_-]{0,31}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*:/(?:[A-Za-z0-9_.+@-]+/)*[A-Za-z0-9_.+@-]+",
            "a remote file such as dayshift@store01.example.org:/srv/dayshift-backups/site-20261121T013000Z/maasdb.dump");

    private final Pattern pattern;
    private final String description;

    Arg(String regex, String description) {
        this.pattern = Pattern.compile(regex);
        this.description = description;
    }

    /** True when the value is acceptable for this kind. */
    public boolean accepts(String value) {
        return value != null && pattern.matcher(value).matches() && (this != PATH && this != REMOTE_FILE || !value.contains("/../") && !value.endsWith("/.."));
    }

    /**
     * The value, if acceptable; otherwise an {@link IllegalArgumentException} whose message says what
     * was expected and shows the refused value in a printable form.
     */
    public String check(String value) {
        if (!accepts(value)) {
            throw new IllegalArgumentException("refused " + ShellQuoting.printable(value) + ": expected " + description);
        }
        return value;
    }

    public String description() {
        return description;
    }
}
