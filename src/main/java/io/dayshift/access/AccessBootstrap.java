package io.dayshift.access;

import io.dayshift.platform.OneOffCommand;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings the engine's identities to the state Dayshift needs, at every start and idempotently: the
 * four role groups, their authorizations ({@link RoleGrants}), the shared Tasklist filters ("Sev-1", "Approvals for my
 * groups", "Tasks for my groups", "My tasks": each sorted most urgent first, then soonest due, and readable only by the
 * groups it is for), and the first
 * administrator. Nodes of a cluster starting together take turns: the whole set-up is one transaction that first locks
 * the engine's start-up row ({@code startup.lock} in {@code ACT_GE_PROPERTY}), so no two nodes both find a group,
 * grant or filter missing and both create it.
 */
@Component
@Profile("!" + OneOffCommand.PROFILE)
@Order(0)
class AccessBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AccessBootstrap.class);

    static final String FILTER_GROUP_TASKS = "Tasks for my groups";
    static final String FILTER_MY_TASKS = "My tasks";
    static final String FILTER_SEV1 = "Sev-1";
    static final String FILTER_APPROVALS = "Approvals for my groups";
    /** The priority from which a task is urgent: a Sev-1's tasks ({@code RunNames}: 90, its approval 95). */
    static final int URGENT = 90;

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final TaskService tasks;
    private final AdminProperties admin;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    AccessBootstrap(IdentityService identity, AuthorizationService authorizations, FilterService filters,
                    TaskService tasks, AdminProperties admin, JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.filters = filters;
        this.tasks = tasks;
        this.admin = admin;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public void run(ApplicationArguments args) {
        transactions.executeWithoutResult(status -> {
            // the engine's commands below join this transaction, so the lock is held until all of them commit
            jdbc.queryForList("SELECT VALUE_ FROM ACT_GE_PROPERTY WHERE NAME_ = 'startup.lock' FOR UPDATE", String.class);
            setUp();
        });
    }

    private void setUp() {
        Roles.ALL.forEach(this::ensureGroup);
        RoleGrants.TABLE.forEach(this::ensureGrant);
        ensureFilter(FILTER_SEV1, -20, "Sev-1 incidents and every other urgent task (priority " + URGENT + " and above), most urgent first",
                sorted(tasks.createTaskQuery().taskMinPriority(URGENT)), Roles.OPS_LEADS, Roles.APPROVERS);
        ensureFilter(FILTER_APPROVALS, -15, "Approvals waiting for an approver, most urgent first, then the soonest due",
                sorted(tasks.createTaskQuery().taskCandidateGroup(Roles.APPROVERS).includeAssignedTasks()), Roles.APPROVERS);
        ensureFilter(FILTER_GROUP_TASKS, -10,
                "Approvals and operator tasks offered to your groups, most urgent first, then the soonest due",
                sorted(tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()),
                Roles.OPS_LEADS, Roles.APPROVERS);
        ensureFilter(FILTER_MY_TASKS, -5, "Tasks you have claimed, most urgent first, then the soonest due",
                sorted(tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}")), Roles.OPS_LEADS, Roles.APPROVERS);
        ensureAdministrator();
    }

    /** Most urgent first (priority, which a Sev-1 raises), then the soonest due (an SLA deadline, a window's end). */
    private static TaskQuery sorted(TaskQuery query) {
        return query.orderByTaskPriority().desc().orderByDueDate().asc();
    }

    private void ensureGroup(String id) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(Roles.displayName(id));
            group.setType(Roles.ADMINS.equals(id) || Roles.ENGINE_ADMINS.equals(id) ? "SYSTEM" : "WORKFLOW");
            identity.saveGroup(group);
            log.info("Created group {}", id);
        }
    }

    private void ensureGrant(Grant grant) {
        Authorization existing = authorizations.createAuthorizationQuery()
                .groupIdIn(grant.group())
                .resourceType(grant.resource())
                .resourceId(grant.resourceId())
                .singleResult();
        Authorization authorization = existing != null
                ? existing
                : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        if (existing == null) {
            authorization.setGroupId(grant.group());
            authorization.setResource(grant.resource());
            authorization.setResourceId(grant.resourceId());
        }
        // The table is the truth: permissions a group should no longer have are taken away.
        authorization.setPermissions(new Permission[] {Permissions.NONE});
        grant.permissions().forEach(authorization::addPermission);
        authorizations.saveAuthorization(authorization);
    }

    /**
     * A shared Tasklist filter of that name with that query and sorting (set again at every start: the table is the truth),
     * readable by exactly the given groups.
     */
    private void ensureFilter(String name, int priority, String description, TaskQuery query, String... readers) {
        Filter filter = filters.createFilterQuery().filterName(name).singleResult();
        boolean created = filter == null;
        if (created) {
            filter = filters.newTaskFilter(name).setOwner(admin.user());
        }
        filter.setQuery(query);
        filter.setProperties(Map.of("description", description, "priority", priority, "refresh", true));
        filters.saveFilter(filter);
        if (created) {
            log.info("Created Tasklist filter '{}'", name);
        }
        List<String> allowed = List.of(readers);
        for (String group : List.of(Roles.OPS_LEADS, Roles.APPROVERS, Roles.AUDITORS)) {
            if (allowed.contains(group)) {
                ensureGrant(Grant.of(group, Resources.FILTER, filter.getId(), Permissions.READ));
            } else {
                revokeGrant(group, filter.getId());
            }
        }
    }

    private void revokeGrant(String group, String filterId) {
        Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(Resources.FILTER).resourceId(filterId)
                .singleResult();
        if (existing != null) {
            authorizations.deleteAuthorization(existing.getId());
        }
    }

    private void ensureAdministrator() {
        String userId = admin.user();
        User user = identity.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            user = identity.newUser(userId);
            user.setFirstName("Dayshift");
            user.setLastName("Administrator");
            String password = admin.passwordConfigured() ? admin.password() : generatedPassword();
            user.setPassword(password);
            identity.saveUser(user);
            if (!admin.passwordConfigured()) {
                announceOnce(userId, password);
            }
            log.info("Created administrator {}", userId);
        } else if (admin.passwordConfigured()) {
            // Configuration is the truth; no checkPassword here, which would count as a login attempt.
            user.setPassword(admin.password());
            identity.saveUser(user);
            log.info("Set the password of administrator {} from dayshift.admin.password", userId);
        }
        ensureMembership(userId, Roles.ADMINS);
        // The webapps offer a "create the first admin" page to anyone while no user is in the
        // engine's built-in admin group; keeping the first administrator there keeps it closed.
        ensureGroup(Roles.ENGINE_ADMINS);
        ensureMembership(userId, Roles.ENGINE_ADMINS);
    }

    private void ensureMembership(String userId, String group) {
        if (identity.createUserQuery().userId(userId).memberOfGroup(group).count() == 0) {
            identity.createMembership(userId, group);
        }
    }

    private static String generatedPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Printed on the console only, not through the logging system, so it lands in no log file; the
     * user is created only once, so it is never printed again.
     */
    private static void announceOnce(String userId, String password) {
        System.out.println();
        System.out.println("=====================================================================");
        System.out.println(" Dayshift created the administrator '" + userId + "' with the password:");
        System.out.println();
        System.out.println("     " + password);
        System.out.println();
        System.out.println(" It is shown this once. Log in at /camunda/app/admin/ and change it,");
        System.out.println(" or set DAYSHIFT_ADMIN_PASSWORD and restart.");
        System.out.println("=====================================================================");
        System.out.println();
    }
}
