package io.dayshift.adapter.openstack;

import io.dayshift.compute.CloudInventory;
import io.dayshift.compute.ComputeCloud;
import io.dayshift.evidence.Journal;
import io.dayshift.site.Secrets;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the OpenStack adapter: one {@link OpenStackCalls} (token cache, deadlines) behind both ports. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OpenStackProperties.class)
public class OpenStackAdapterConfiguration {

    @Bean(destroyMethod = "close")
    OpenStackCalls openStackCalls(Secrets secrets, OpenStackProperties properties, Journal journal) {
        return new OpenStackCalls(secrets, properties, Clock.systemUTC(), journal);
    }

    @Bean
    ComputeCloud computeCloud(OpenStackCalls calls, OpenStackProperties properties) {
        return new OpenStackComputeCloud(calls, properties.pageSize());
    }

    @Bean
    CloudInventory cloudInventory(OpenStackCalls calls) {
        return new OpenStackCloudInventory(calls);
    }
}
