package io.dayshift.backup;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The catalogue on H2, the embedded database of a single Dayshift. */
class H2BackupCatalogueTest extends BackupCatalogueContract {

    private final DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:backup-catalogue;DB_CLOSE_DELAY=-1");

    @Override
    DataSource dataSource() {
        return dataSource;
    }
}
