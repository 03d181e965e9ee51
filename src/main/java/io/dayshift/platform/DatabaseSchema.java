package io.dayshift.platform;

import io.dayshift.engine.OwnTables;
import io.dayshift.engine.SchemaNotReadyException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Who creates and updates the database schema, by {@code dayshift.database.schema} (README, "The database schema"):
 * <ul>
 * <li>{@code create} (the default, H2 and development, and the schema step {@link SchemaStep}): the engine creates its
 * missing tables, older engine tables are updated with the engine's scripts, and each of Dayshift's own tables is
 * created or completed as its owner starts;</li>
 * <li>{@code verify} (the {@code postgres} profile, every node of a production service): nothing is created or changed;
 * once the data source is built, before anything else uses it, the engine tables must be there at this release's
 * version, and each own table must have its columns when its owner starts — otherwise the start stops with a
 * {@link SchemaNotReadyException} naming the schema step.</li>
 * </ul>
 */
@Component
class DatabaseSchema extends AbstractProcessEnginePlugin implements BeanPostProcessor {

    static final String SETTING = "dayshift.database.schema";
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseSchema.class);

    enum Management {
        /** Each start creates and updates the schema. */
        CREATE,
        /** Each start only checks the schema; the schema step changes it. */
        VERIFY;

        static Management of(String value) {
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(SETTING + " (DAYSHIFT_DB_SCHEMA) must be 'create' or 'verify', not '" + value + "'");
            }
        }
    }

    private final Management management;

    DatabaseSchema(Environment environment) {
        this.management = Management.of(environment.getProperty(SETTING, "create"));
    }

    Management management() {
        return management;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource) {
            prepare(dataSource);
        }
        return bean;
    }

    /** Checks (verify) or updates (create) the engine tables, and tells the own tables which. */
    void prepare(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            Optional<String> stored = EngineSchema.databaseVersion(connection);
            EngineSchema.Release engine = EngineSchema.engine();
            if (management == Management.VERIFY) {
                OwnTables.verifyOnly(dataSource);
                if (stored.isEmpty()) {
                    throw new SchemaNotReadyException("the database has no engine tables (it is empty)");
                }
                EngineSchema.Release release = EngineSchema.Release.of(stored.get());
                if (release.compareTo(engine) < 0) {
                    throw new SchemaNotReadyException("its engine tables are at " + stored.get() + " and this release's engine needs " + engine);
                }
                LOG.info("Database schema: engine tables at {}, managed by the schema step ({}=verify)", stored.get(), SETTING);
            } else if (stored.isPresent()) {
                int updates = EngineSchema.update(connection, EngineSchema.Release.of(stored.get()));
                if (updates > 0) {
                    LOG.info("Database schema: engine tables updated from {} to {}", stored.get(), engine);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the database schema's version", e);
        }
    }

    /** The engine creates its missing tables only where this start manages the schema. */
    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setDatabaseSchemaUpdate(management == Management.CREATE
                ? ProcessEngineConfigurationImpl.DB_SCHEMA_UPDATE_TRUE : ProcessEngineConfigurationImpl.DB_SCHEMA_UPDATE_FALSE);
    }
}
