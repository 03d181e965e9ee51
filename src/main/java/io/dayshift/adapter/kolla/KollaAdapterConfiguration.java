package io.dayshift.adapter.kolla;

import io.dayshift.evidence.Journal;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.platform.BlockingTimeout;
import io.dayshift.platform.BlockingTimeouts;
import io.dayshift.shell.RemoteShell;
import io.dayshift.site.Secrets;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the kolla-ansible {@link KollaDeployer} with {@code dayshift.adapters.kolla.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KollaProperties.class)
public class KollaAdapterConfiguration {

    @Bean
    KollaDeployer kollaDeployer(RemoteShell shell, KollaProperties properties, Secrets secrets, Journal journal) {
        return new KollaAnsibleDeployer(shell, properties, secrets, Clock.systemUTC(), journal);
    }

    /** kolla-ansible itself never blocks a job (it runs detached); every SSH call of this adapter is bounded by file-timeout. */
    @Bean
    BlockingTimeouts kollaBlockingTimeouts(KollaProperties properties) {
        return () -> List.of(new BlockingTimeout("dayshift.adapters.kolla.file-timeout", properties.fileTimeout()));
    }
}
