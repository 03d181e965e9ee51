package io.dayshift.testing;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** Creates engine users for tests, idempotently. */
public final class Users {

    public static final String PASSWORD = "correct-horse-battery";

    private Users() {
    }

    /** A user with the test password, member of the given groups. */
    public static void ensure(IdentityService identity, String userId, String... groups) {
        if (identity.createUserQuery().userId(userId).count() == 0) {
            User user = identity.newUser(userId);
            user.setFirstName(userId);
            user.setLastName("Tester");
            user.setPassword(PASSWORD);
            identity.saveUser(user);
        }
        for (String group : groups) {
            if (identity.createUserQuery().userId(userId).memberOfGroup(group).count() == 0) {
                identity.createMembership(userId, group);
            }
        }
    }
}
