package io.dayshift.compute;

import java.util.Optional;

/**
 * A Neutron port.
 *
 * @param deviceOwner e.g. {@code compute:nova}, {@code network:dhcp}; empty when nothing owns it
 * @param deviceId    the owning server/router/..., empty when nothing owns it
 * @param bindingHost the host it is bound to ({@code binding:host_id}), if any
 * @param vifType     {@code binding:vif_type}: {@code unbound} and {@code binding_failed} mean not bound
 */
public record NetworkPort(
        String id,
        String networkId,
        String status,
        Optional<String> deviceOwner,
        Optional<String> deviceId,
        Optional<String> bindingHost,
        Optional<String> vifType) {

    /** True when Neutron has not bound the port to a host. */
    public boolean unbound() {
        return bindingHost.isEmpty()
                || vifType.map(v -> v.equals("unbound") || v.equals("binding_failed")).orElse(true);
    }

    /** True when no device claims the port. */
    public boolean orphaned() {
        return deviceId.isEmpty() && deviceOwner.isEmpty();
    }
}
