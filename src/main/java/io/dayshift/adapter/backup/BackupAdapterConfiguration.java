package io.dayshift.adapter.backup;

import io.dayshift.backup.BackupHosts;
import io.dayshift.platform.BlockingTimeouts;
import io.dayshift.shell.RemoteShell;
import io.dayshift.site.Secrets;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires {@link BackupHosts} over SSH with {@code dayshift.adapters.backup.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BackupProperties.class)
public class BackupAdapterConfiguration {

    @Bean
    BackupHosts backupHosts(RemoteShell shell, BackupProperties properties, Secrets secrets) {
        return new ShellBackupHosts(shell, properties, secrets);
    }

    @Bean
    BlockingTimeouts backupBlockingTimeouts(BackupProperties properties) {
        return properties::blockingTimeouts;
    }
}
