package io.dayshift.adapter.maas;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.site.Secrets;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the MAAS adapter: one HTTP client for all sites, settings under {@code dayshift.adapters.maas}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MaasProperties.class)
public class MaasAdapterConfiguration {

    @Bean
    MachineProvisioner machineProvisioner(MaasProperties properties, Secrets secrets) {
        return create(properties, secrets);
    }

    static MachineProvisioner create(MaasProperties properties, Secrets secrets) {
        MaasClient client = new MaasClient(MaasClient.httpClient(properties), properties, secrets, new ObjectMapper(), Clock.systemUTC());
        return new MaasMachineProvisioner(client, secrets, properties);
    }
}
