package io.dayshift.adapter.juju;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.charm.CharmModel;
import io.dayshift.evidence.Journal;
import io.dayshift.platform.BlockingTimeouts;
import io.dayshift.shell.RemoteShell;
import io.dayshift.site.Secrets;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the Juju {@link CharmModel} with {@code dayshift.adapters.juju.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JujuProperties.class)
public class JujuAdapterConfiguration {

    @Bean
    CharmModel charmModel(RemoteShell shell, JujuProperties properties, Secrets secrets, Journal journal) {
        return new JujuCharmModel(shell, properties, secrets, new ObjectMapper(), Clock.systemUTC(), journal);
    }

    @Bean
    BlockingTimeouts jujuBlockingTimeouts(JujuProperties properties) {
        return properties::blockingTimeouts;
    }
}
