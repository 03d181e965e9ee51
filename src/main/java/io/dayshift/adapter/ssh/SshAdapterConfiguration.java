package io.dayshift.adapter.ssh;

import io.dayshift.evidence.Journal;
import io.dayshift.shell.RemoteShell;
import io.dayshift.site.Secrets;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the JSch {@link RemoteShell} with {@code dayshift.adapters.ssh.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SshProperties.class)
public class SshAdapterConfiguration {

    @Bean
    RemoteShell remoteShell(SshProperties properties, Secrets secrets, Journal journal) {
        return new JschRemoteShell(properties, secrets, journal);
    }
}
