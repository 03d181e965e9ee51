package io.dayshift.lab.openstack;

import io.dayshift.lab.LabSites;
import io.dayshift.lab.model.LabSite;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks every request to {@code /lab/openstack/{site}/{service}/...} the way keystonemiddleware does in front of
 * each real service: the site must exist (404) and {@code X-Auth-Token} must be a token the lab issued for that
 * site and not yet expired (401 with {@code WWW-Authenticate: Keystone uri=...}). Only Keystone's own token request
 * and version documents go without a token. The site's model and the token are handed to the controllers as
 * request attributes.
 */
final class TokenCheck implements HandlerInterceptor {

    static final String SITE = "io.dayshift.lab.openstack.site";
    static final String TOKEN = "io.dayshift.lab.openstack.token";
    static final String PREFIX = "/lab/openstack/";
    private static final Pattern PATH = Pattern.compile("^/lab/openstack/([^/]+)/([^/]+)(/.*)?$");
    private static final String UNAUTHORIZED = "The request you have made requires authentication.";

    private final LabSites lab;
    private final KeystoneTokens tokens;

    TokenCheck(LabSites lab, KeystoneTokens tokens) {
        this.lab = lab;
        this.tokens = tokens;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return true; // not an OpenStack service path; Spring answers 404
        }
        Optional<LabSite> site = lab.find(m.group(1));
        if (site.isEmpty()) {
            write(response, 404, "{\"error\": {\"code\": 404, \"title\": \"Not Found\", \"message\": \"No lab site " + m.group(1).replaceAll("[^A-Za-z0-9_.-]", "")
                    + ".\"}}", null);
            return false;
        }
        request.setAttribute(SITE, site.get());
        String service = m.group(2);
        String rest = m.group(3) == null ? "" : m.group(3);
        if (site.get().apiDown(service)) { // fault api-down: HAProxy has no backend for the service
            response.setStatus(503);
            response.setContentType("text/html");
            response.getOutputStream().write("<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n"
                    .getBytes(StandardCharsets.UTF_8));
            return false;
        }
        if (service.equals("identity") && (rest.equals("/v3/auth/tokens") && request.getMethod().equals("POST")
                || rest.matches("(/v3)?/?") && request.getMethod().equals("GET"))) {
            return true;
        }
        if (request.getMethod().equals("GET") && VersionDocuments.isVersionRoot(service, rest)) {
            return true; // version documents need no token, as in the real services
        }
        Optional<KeystoneTokens.Token> token = tokens.find(request.getHeader("X-Auth-Token"), site.get().name(), site.get().now());
        if (token.isEmpty()) {
            String identity = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort() + request.getContextPath()
                    + PREFIX + site.get().name() + "/identity/v3";
            write(response, 401, Api.keystoneFault(401, "Unauthorized", UNAUTHORIZED).toString(), "Keystone uri=\"" + identity + "\"");
            return false;
        }
        request.setAttribute(TOKEN, token.get());
        return true;
    }

    private static void write(HttpServletResponse response, int status, String body, String authenticate) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        if (authenticate != null) {
            response.setHeader("WWW-Authenticate", authenticate);
        }
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
