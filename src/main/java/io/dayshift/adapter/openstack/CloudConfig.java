package io.dayshift.adapter.openstack;

import java.util.Optional;

/**
 * One cloud of a clouds.yaml, Keystone v3 password authentication. {@link #toString()} never shows
 * the password.
 *
 * @param interfaceName {@code public} (default), {@code internal} or {@code admin}
 */
record CloudConfig(
        String cloud,
        String authUrl,
        String username,
        String password,
        String projectName,
        Domain userDomain,
        Domain projectDomain,
        Optional<String> regionName,
        String interfaceName) {

    /** A domain given by name ({@code *_domain_name}) or by id ({@code *_domain_id}). */
    record Domain(String value, boolean byId) {
        @Override
        public String toString() {
            return (byId ? "id:" : "name:") + value;
        }
    }

    /** The Keystone v3 endpoint: clouds.yaml files often give {@code https://ks:5000} without {@code /v3}. */
    String identityV3Url() {
        String url = authUrl.endsWith("/") ? authUrl.substring(0, authUrl.length() - 1) : authUrl;
        return url.endsWith("/v3") ? url : url + "/v3";
    }

    @Override
    public String toString() {
        return "CloudConfig[cloud=" + cloud + ", authUrl=" + authUrl + ", username=" + username
                + ", password=****, projectName=" + projectName + ", userDomain=" + userDomain
                + ", projectDomain=" + projectDomain + ", region=" + regionName.orElse("-")
                + ", interface=" + interfaceName + "]";
    }
}
