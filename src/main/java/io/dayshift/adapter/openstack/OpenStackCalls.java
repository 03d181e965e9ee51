package io.dayshift.adapter.openstack;

import io.dayshift.compute.ComputeCloudException;
import io.dayshift.evidence.Call;
import io.dayshift.evidence.Journal;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.api.exceptions.AuthenticationException;
import org.openstack4j.api.exceptions.ResponseException;
import org.openstack4j.api.types.Facing;
import org.openstack4j.core.transport.Config;
import org.openstack4j.model.common.Identifier;
import org.openstack4j.model.identity.v3.Token;
import org.openstack4j.openstack.OSFactory;

/**
 * Runs one port call against one site with a fresh openstack4j client built from the site's cached
 * token ({@link OSFactory#clientFromToken}), on a worker thread so that the call has a hard deadline:
 * openstack4j sessions are thread-bound, and its RESTEasy connector sets no socket read timeout.
 *
 * <p>Each site authenticates once (the session is cached under the site's name); the token is renewed
 * when it is about to expire, and once more when a call is answered 401. Failures become
 * {@link ComputeCloudException}s naming site, target and operation, with every known secret masked.
 *
 * <p>Every request a call sends (the authentication too) is journaled in the run's evidence ({@link Journal}): seen on
 * the worker thread ({@link OpenStackRequests}), journaled on the caller's thread once the worker is done, so that it
 * belongs to the caller's run, step and transaction. A request still unanswered when the deadline passes is not seen.
 */
final class OpenStackCalls implements AutoCloseable {

    private final Secrets secrets;
    private final OpenStackProperties properties;
    private final Clock clock;
    private final Config config;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final Journal journal;

    OpenStackCalls(Secrets secrets, OpenStackProperties properties, Clock clock, Journal journal) {
        this.secrets = secrets;
        this.journal = journal;
        this.properties = properties;
        this.clock = clock;
        this.config = Config.newConfig()
                .withConnectionTimeout(properties.connectTimeoutMillis())
                .withReadTimeout(properties.readTimeoutMillis());
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "openstack-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A site's cloud entry and its current token, cached under the site's name. */
    private record Session(CloudConfig cloud, Token token) {
    }

    /**
     * Runs {@code body} with a client for the site. {@code operation} and {@code target} name what is
     * done to what, e.g. "disable compute service" and "host cn01", for messages.
     */
    <T> T call(Site site, String operation, String target, Function<OSClientV3, T> body) {
        Objects.requireNonNull(site, "site");
        String context = "site " + site.name() + ": " + operation + (target.isEmpty() ? "" : " of " + target);
        try {
            return attempt(site, context, target, body);
        } catch (ComputeCloudException e) {
            if (e.httpStatus().orElse(0) != 401) {
                throw e;
            }
            sessions.remove(site.name());
            return attempt(site, context, target, body);
        }
    }

    private <T> T attempt(Site site, String context, String target, Function<OSClientV3, T> body) {
        Session session = session(site, context);
        return onWorker(context, target, () -> {
            OSClientV3 client = OSFactory.clientFromToken(session.token(), facing(session.cloud()), config);
            session.cloud().regionName().ifPresent(client::useRegion);
            T result = body.apply(client);
            keepRenewedToken(site, session, client.getToken());
            return result;
        });
    }

    /**
     * openstack4j answers a 401 by authenticating again on its own, inside the thread's session; keep
     * that token so that the next call does not start with the refused one.
     */
    private void keepRenewedToken(Site site, Session used, Token now) {
        if (now != null && now.getId() != null && !now.getId().equals(used.token().getId())) {
            secrets.remember(now.getId());
            sessions.replace(site.name(), used, new Session(used.cloud(), now));
        }
    }

    private Session session(Site site, String context) {
        Session current = sessions.get(site.name());
        if (current != null && !expiresSoon(current.token())) {
            return current;
        }
        synchronized (this) {
            current = sessions.get(site.name());
            if (current != null && !expiresSoon(current.token())) {
                return current;
            }
            Session fresh = authenticate(site, context);
            sessions.put(site.name(), fresh);
            return fresh;
        }
    }

    private boolean expiresSoon(Token token) {
        return token.getExpires() == null
                || token.getExpires().toInstant().isBefore(Instant.now(clock).plus(properties.tokenRenewalMargin()));
    }

    private Session authenticate(Site site, String context) {
        if (site.openstack() == null) {
            throw new ComputeCloudException(context + " failed: the site has no openstack settings", 0);
        }
        CloudConfig cloud = CloudsYaml.read(site.openstack().cloudsFile(), site.openstack().cloud(), secrets);
        Token token = onWorker("site " + site.name() + ": authenticate as user " + cloud.username() + " at "
                + cloud.identityV3Url() + " (for " + context + ")", "user " + cloud.username(), () -> OSFactory.builderV3()
                .withConfig(config)
                .endpoint(cloud.identityV3Url())
                .perspective(facing(cloud))
                .credentials(cloud.username(), cloud.password(), identifier(cloud.userDomain()))
                .scopeToProject(Identifier.byName(cloud.projectName()), identifier(cloud.projectDomain()))
                .authenticate()
                .getToken());
        secrets.remember(token.getId());
        return new Session(cloud, token);
    }

    private <T> T onWorker(String context, String target, java.util.concurrent.Callable<T> task) {
        List<Call> sent = Collections.synchronizedList(new ArrayList<>());
        Future<T> future = workers.submit(() -> OpenStackRequests.collecting(sent, target, context, task));
        try {
            return future.get(properties.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ComputeCloudException(context + " failed: no answer within " + properties.callTimeout(), 0);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ComputeCloudException(context + " was interrupted", 0);
        } catch (ExecutionException e) {
            throw translate(context, e.getCause());
        } finally {
            List<Call> seen;
            synchronized (sent) {
                seen = List.copyOf(sent);
            }
            seen.forEach(journal::record);
        }
    }

    private RuntimeException translate(String context, Throwable failure) {
        if (failure instanceof ComputeCloudException known) {
            return known;
        }
        if (failure instanceof ApiException api) {
            return new ComputeCloudException(context + " failed: HTTP " + api.status() + ": "
                    + secrets.redact(api.getMessage()), api.status());
        }
        if (failure instanceof AuthenticationException auth) {
            return new ComputeCloudException(context + " failed: authentication refused (HTTP " + auth.getStatus() + ")", 401);
        }
        if (failure instanceof ResponseException response) {
            int status = response.getStatus();
            return new ComputeCloudException(context + " failed: "
                    + (status > 0 ? "HTTP " + status + ": " : "") + secrets.redact(String.valueOf(response.getMessage())), status);
        }
        // Library or mapping failures: keep the type, mask the text, drop the cause (it may quote a request).
        return new ComputeCloudException(context + " failed: " + failure.getClass().getSimpleName() + ": "
                + secrets.redact(String.valueOf(failure.getMessage())), 0);
    }

    private static Facing facing(CloudConfig cloud) {
        return switch (cloud.interfaceName()) {
            case "internal" -> Facing.INTERNAL;
            case "admin" -> Facing.ADMIN;
            default -> Facing.PUBLIC;
        };
    }

    private static Identifier identifier(CloudConfig.Domain domain) {
        return domain.byId() ? Identifier.byId(domain.value()) : Identifier.byName(domain.value());
    }

    /** The secrets every message is masked with. */
    Secrets secrets() {
        return secrets;
    }

    /** The TCP connect timeout of every request (also the bound of one reachability probe). */
    java.time.Duration connectTimeout() {
        return properties.connectTimeout();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
