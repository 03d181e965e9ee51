package io.dayshift.lab.model;

/**
 * A security group rule; {@code portMin}/{@code portMax} null for any port; {@code protocol} null for any;
 * {@code remoteIpPrefix} {@code 0.0.0.0/0} for the whole internet, null when {@code remoteGroupId} is set.
 */
public record SecurityGroupRule(String id, String securityGroupId, String direction, String ethertype, String protocol, Integer portMin,
                                Integer portMax, String remoteIpPrefix, String remoteGroupId) {

    /** Open to any IPv4 or IPv6 address. */
    public boolean openToTheWorld() {
        return "0.0.0.0/0".equals(remoteIpPrefix) || "::/0".equals(remoteIpPrefix);
    }
}
