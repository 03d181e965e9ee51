package io.dayshift.lab.openstack;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dayshift.lab.openstack.*}: the lab's OpenStack endpoints.
 *
 * @param tokenLifetime how long a Keystone token of the lab is valid (Keystone's default: 24 hours)
 */
@ConfigurationProperties("dayshift.lab.openstack")
public record LabOpenStackProperties(@DefaultValue("24h") Duration tokenLifetime) {

    public LabOpenStackProperties {
        if (tokenLifetime == null || tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("dayshift.lab.openstack.token-lifetime must be positive, not " + tokenLifetime);
        }
    }
}
