package io.dayshift.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns {@code export OS_...=...} lines into a map, and OS_* settings into a clouds.yaml entry. */
public final class LabEnv {

    private static final Pattern EXPORT = Pattern.compile("^\\s*export\\s+(OS_[A-Z_]+)=(.*)$");

    private LabEnv() {
    }

    public static Map<String, String> parse(String output) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : output.split("\\R")) {
            Matcher m = EXPORT.matcher(line);
            if (m.matches()) {
                env.put(m.group(1), unquote(m.group(2).strip()));
            }
        }
        return env;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'") || value.startsWith("\"") && value.endsWith("\""))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    public static String cloudsYaml(String cloud, Map<String, String> env) {
        return "clouds:\n"
                + "  " + cloud + ":\n"
                + "    auth:\n"
                + "      auth_url: " + quote(env.get("OS_AUTH_URL")) + "\n"
                + "      username: " + quote(env.get("OS_USERNAME")) + "\n"
                + "      password: " + quote(env.get("OS_PASSWORD")) + "\n"
                + "      project_name: " + quote(env.get("OS_PROJECT_NAME")) + "\n"
                + "      user_domain_name: " + quote(env.getOrDefault("OS_USER_DOMAIN_NAME", "Default")) + "\n"
                + "      project_domain_name: " + quote(env.getOrDefault("OS_PROJECT_DOMAIN_NAME", "Default")) + "\n"
                + "    region_name: " + quote(env.getOrDefault("OS_REGION_NAME", "RegionOne")) + "\n"
                + "    interface: " + quote(env.getOrDefault("OS_INTERFACE", "public")) + "\n"
                + "    identity_api_version: 3\n";
    }

    private static String quote(String value) {
        return "'" + (value == null ? "" : value.replace("'", "''")) + "'";
    }
}
