package io.dayshift.adapter.ceph;

import io.dayshift.ceph.CephCluster;
import io.dayshift.platform.BlockingTimeout;
import io.dayshift.platform.BlockingTimeouts;
import io.dayshift.shell.RemoteShell;
import io.dayshift.site.Secrets;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires {@link CephCluster} over SSH with {@code dayshift.adapters.ceph.command-timeout} (default 1 min). */
@Configuration(proxyBeanMethods = false)
public class CephAdapterConfiguration {

    @Bean
    CephCluster cephCluster(RemoteShell shell, Secrets secrets, @Value("${dayshift.adapters.ceph.command-timeout:PT1M}") Duration timeout) {
        return new SshCephCluster(shell, secrets, timeout);
    }

    @Bean
    BlockingTimeouts cephBlockingTimeouts(@Value("${dayshift.adapters.ceph.command-timeout:PT1M}") Duration timeout) {
        return () -> List.of(new BlockingTimeout("dayshift.adapters.ceph.command-timeout", timeout));
    }
}
