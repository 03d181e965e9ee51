package io.dayshift.runbook;

import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where people reach this service, {@code dayshift.public-url}: every link a notice sends (the incident in Cockpit, a
 * decision in Tasklist) starts here. Checked at start: an absolute {@code http} or {@code https} address with a host and
 * nothing after its path; unset, it is this node on localhost at its own {@code server.port}, never a port it does not
 * listen on.
 */
@Component
public class PublicUrl {

    static final String SETTING = "dayshift.public-url";

    private final URI base;

    PublicUrl(@Value("${dayshift.public-url:}") String configured, @Value("${server.port:8080}") int port) {
        this.base = parse(configured, port);
    }

    static URI parse(String configured, int port) {
        String given = configured == null ? "" : configured.strip();
        if (given.isEmpty()) {
            return URI.create("http://localhost:" + (port > 0 ? port : 8080));
        }
        URI uri;
        try {
            uri = new URI(given);
        } catch (URISyntaxException e) {
            throw refused(given, "it is not an address (" + e.getReason() + ")");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
            throw refused(given, "it must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw refused(given, "it names no host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw refused(given, "it may hold no user, no ?query and no #fragment, only scheme, host, port and path");
        }
        return URI.create(given.replaceAll("/+$", ""));
    }

    private static IllegalArgumentException refused(String given, String why) {
        // a user and password in the address are never repeated
        String shown = given.replaceAll("//[^/?#]*@", "//…@");
        return new IllegalArgumentException(SETTING + " (DAYSHIFT_PUBLIC_URL) is '" + shown + "': " + why
                + "; give the address people open the service at, e.g. https://dayshift.example.org");
    }

    /** The address, without a trailing slash. */
    public URI base() {
        return base;
    }

    /** The address followed by {@code path} (which starts with a slash). */
    public URI resolve(String path) {
        return URI.create(base + path);
    }
}
