package io.dayshift.compute;

import java.util.Optional;

/**
 * A security-group rule.
 *
 * @param direction {@code ingress} or {@code egress}
 * @param etherType {@code IPv4} or {@code IPv6}
 * @param protocol  e.g. {@code tcp}, or empty for any protocol
 */
public record SecurityGroupRule(
        String id,
        String securityGroupId,
        String direction,
        String etherType,
        Optional<String> protocol,
        Optional<Integer> portRangeMin,
        Optional<Integer> portRangeMax,
        Optional<String> remoteIpPrefix,
        Optional<String> remoteGroupId) {
}
