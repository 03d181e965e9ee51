package io.dayshift.adapter.maas;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.evidence.Journal;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.platform.BlockingTimeout;
import io.dayshift.platform.BlockingTimeouts;
import io.dayshift.site.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the MAAS adapter: one HTTP client for all sites, settings under {@code dayshift.adapters.maas}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MaasProperties.class)
public class MaasAdapterConfiguration {

    @Bean
    MachineProvisioner machineProvisioner(MaasProperties properties, Secrets secrets, Journal journal) {
        return create(properties, secrets, journal);
    }

    /**
     * One MAAS call, retried while MAAS answers 503: every try may take the connect and the request timeout, and the waits
     * between tries are at most max-retry-delay.
     */
    @Bean
    BlockingTimeouts maasBlockingTimeouts(MaasProperties properties) {
        int tries = properties.maxAttempts();
        Duration longest = properties.connectTimeout().plus(properties.requestTimeout()).multipliedBy(tries)
                .plus(properties.maxRetryDelay().multipliedBy(tries - 1L));
        return () -> List.of(new BlockingTimeout("dayshift.adapters.maas.request-timeout (+ connect-timeout) × max-attempts (+ max-retry-delay between tries)",
                longest));
    }

    static MachineProvisioner create(MaasProperties properties, Secrets secrets, Journal journal) {
        MaasClient client = new MaasClient(MaasClient.httpClient(properties), properties, secrets, new ObjectMapper(), Clock.systemUTC(), journal);
        return new MaasMachineProvisioner(client, secrets, properties);
    }
}
