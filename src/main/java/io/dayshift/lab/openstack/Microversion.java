package io.dayshift.lab.openstack;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.http.HttpHeaders;

/**
 * A compute API microversion as a request asks for it ({@code OpenStack-API-Version: compute 2.53} or
 * {@code X-OpenStack-Nova-API-Version: 2.53}; {@code latest}); 2.1 when none is asked for. The lab speaks Nova 26
 * (Zed): 2.1 to 2.93.
 */
record Microversion(int major, int minor) {

    static final Microversion MIN = new Microversion(2, 1);
    static final Microversion MAX = new Microversion(2, 93);

    /** A version outside 2.1..2.93 (406) or one that cannot be read (400). */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    static Microversion of(HttpServletRequest request) {
        String asked = null;
        String header = request.getHeader("OpenStack-API-Version");
        if (header != null) {
            for (String part : header.split(",")) {
                String p = part.strip();
                if (p.toLowerCase(Locale.ROOT).startsWith("compute ")) {
                    asked = p.substring("compute ".length()).strip();
                }
            }
        }
        if (asked == null) {
            asked = request.getHeader("X-OpenStack-Nova-API-Version");
        }
        if (asked == null || asked.isBlank()) {
            return MIN;
        }
        if (asked.equalsIgnoreCase("latest")) {
            return MAX;
        }
        Microversion v;
        try {
            String[] parts = asked.strip().split("\\.");
            if (parts.length != 2) {
                throw new NumberFormatException(asked);
            }
            v = new Microversion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new Refused(400, "API Version String " + asked.replaceAll("[^0-9A-Za-z.]", "") + " is of invalid format. Must be of format MajorNum.MinorNum.");
        }
        if (v.below(MIN) || MAX.below(v)) {
            throw new Refused(406, "Version " + v + " is not supported by the API. Minimum is " + MIN + " and maximum is " + MAX + ".");
        }
        return v;
    }

    boolean below(Microversion other) {
        return major < other.major || major == other.major && minor < other.minor;
    }

    /** At least {@code "2.53"}. */
    boolean atLeast(String version) {
        String[] p = version.split("\\.");
        return !below(new Microversion(Integer.parseInt(p[0]), Integer.parseInt(p[1])));
    }

    HttpHeaders headers() {
        HttpHeaders h = new HttpHeaders();
        h.set("OpenStack-API-Version", "compute " + this);
        h.set("X-OpenStack-Nova-API-Version", toString());
        h.add("Vary", "OpenStack-API-Version");
        h.add("Vary", "X-OpenStack-Nova-API-Version");
        return h;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
