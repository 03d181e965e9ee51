package io.dayshift.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The argument kinds backup-site added: what each accepts and refuses. */
class BackupArgKindsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "STAT_FORMAT|%s %a|true", "STAT_FORMAT|%s;id|false", "STAT_FORMAT|%s $(id)|false",
            "SEARCH_TEXT|-- Dump completed|true", "SEARCH_TEXT|x' ; rm -rf /|false", "SEARCH_TEXT|a$b|false",
            "ARCHIVE_MEMBER|etc/kolla/globals.yml|true", "ARCHIVE_MEMBER|../etc/shadow|false", "ARCHIVE_MEMBER|/etc/shadow|false",
            "ARCHIVE_MEMBER|-T/etc/shadow|false",
            "UNIT_FILE|mysql-innodb-cluster/0:/var/backups/mysql/d.gz|true", "UNIT_FILE|mysql/0:relative|false", "UNIT_FILE|mysql/0:/a b|false",
            "URL|https://127.0.0.1:8200|true", "URL|http://vault.example.org|true", "URL|https://user:pw@vault:8200|false",
            "URL|https://vault:8200/v1/x?y|false",
            "ROW_COUNT_QUERY|SELECT 'nova.instances', COUNT(*) FROM nova.instances WHERE deleted = 0|true",
            "ROW_COUNT_QUERY|SELECT 'a.b', COUNT(*) FROM a.b UNION ALL SELECT 'c.d', COUNT(*) FROM c.d|true",
            "ROW_COUNT_QUERY|SELECT 'a.b', COUNT(*) FROM c.d|false",
            "ROW_COUNT_QUERY|SELECT 'a.b', COUNT(*) FROM a.b; DROP TABLE a.b|false",
            "ROW_COUNT_QUERY|DELETE FROM nova.instances|false"})
    void acceptsOnlyItsPattern(Arg kind, String value, boolean accepted) {
        assertThat(kind.accepts(value)).as(kind + " " + value).isEqualTo(accepted);
    }
}
