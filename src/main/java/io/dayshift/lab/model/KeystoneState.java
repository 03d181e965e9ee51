package io.dayshift.lab.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keystone of a simulated site: its users and the admin project. */
public final class KeystoneState extends ServiceState {

    final Map<String, KeystoneUser> users = new LinkedHashMap<>();

    KeystoneState(LabSite site) {
        super(site);
    }

    public List<KeystoneUser> users() {
        synchronized (site) {
            return List.copyOf(users.values());
        }
    }

    public KeystoneUser disableUser(String userId) {
        synchronized (site) {
            KeystoneUser u = users.get(userId);
            if (u == null) {
                throw LabException.notFound("Could not find user: " + userId + ".");
            }
            count("disable-user", userId);
            KeystoneUser disabled = new KeystoneUser(u.id(), u.name(), u.domainId(), u.defaultProjectId(), false, u.lastActiveAt());
            users.put(userId, disabled);
            return disabled;
        }
    }

    /** The project the lab's {@code admin} user is scoped to. */
    public String adminProjectId() {
        return uuid("project", "admin").replace("-", "");
    }
}
