package io.dayshift.adapter.openstack;

import io.dayshift.evidence.Call;
import java.util.List;
import java.util.concurrent.Callable;
import javax.ws.rs.client.ClientRequestContext;
import javax.ws.rs.client.ClientResponseContext;
import javax.ws.rs.client.ClientResponseFilter;
import org.openstack4j.connectors.resteasy.ResteasyClientFactory;

/**
 * The one place where every request openstack4j sends can be seen answered — those of its own services and those of
 * {@link RawApi} alike: a response filter on the provider factory every client of openstack4j's RESTEasy connector is
 * built with. What it sees it adds to the list the current (worker) thread collects into ({@link #collecting}): method,
 * path with query, HTTP status. {@link OpenStackCalls} journals that list on the thread of the step that asked for the
 * call, so each request lands in the step's run and transaction although it was sent from a worker thread.
 */
final class OpenStackRequests implements ClientResponseFilter {

    private static final ThreadLocal<Seen> SEEN = new ThreadLocal<>();

    static {
        ResteasyClientFactory.getInstance().register(new OpenStackRequests());
    }

    /** Where the requests of one call go: the list, and what the call is about (its target). */
    private record Seen(List<Call> calls, String target, String operation) {
    }

    private OpenStackRequests() {
    }

    /** Runs {@code body} on this thread, adding each request it sends, as answered, to {@code calls}. */
    static <T> T collecting(List<Call> calls, String target, String operation, Callable<T> body) throws Exception {
        SEEN.set(new Seen(calls, target, operation));
        try {
            return body.call();
        } finally {
            SEEN.remove();
        }
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        Seen seen = SEEN.get();
        if (seen == null) {
            return;
        }
        String query = request.getUri().getRawQuery();
        seen.calls().add(new Call(Call.OPENSTACK, seen.target(), request.getMethod() + " " + request.getUri().getRawPath()
                + (query == null ? "" : "?" + query), "HTTP " + response.getStatus(), seen.operation()));
    }
}
