package io.dayshift.adapter.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dayshift.site.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one cloud out of a standard clouds.yaml ({@code clouds.<name>.auth.*}, {@code region_name},
 * {@code interface}). Only Keystone v3 password authentication is supported. The password is handed to
 * {@link Secrets#remember(String)} so that it is masked in every message.
 */
final class CloudsYaml {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> INTERFACES = Set.of("public", "internal", "admin");

    private CloudsYaml() {
    }

    static CloudConfig read(Path file, String cloud, Secrets secrets) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            // Jackson's message may quote the file's content, which holds a password: name the file only.
            throw new IllegalStateException("cannot read clouds file " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        return parse(root, cloud, secrets, file.toString());
    }

    static CloudConfig parse(JsonNode root, String cloud, Secrets secrets, String source) {
        JsonNode entry = root == null ? null : root.path("clouds").get(cloud);
        if (entry == null || !entry.isObject()) {
            throw new IllegalStateException("clouds file " + source + " has no cloud '" + cloud + "' under 'clouds'");
        }
        String where = source + " clouds." + cloud;
        String authType = text(entry, "auth_type").orElse("password");
        String version = text(entry, "identity_api_version").orElse("3");
        List<String> problems = new ArrayList<>();
        if (!authType.equals("password") && !authType.equals("v3password")) {
            problems.add("auth_type '" + authType + "' is not supported (only password)");
        }
        if (!version.equals("3") && !version.startsWith("3.")) {
            problems.add("identity_api_version " + version + " is not supported (only 3)");
        }
        JsonNode auth = entry.path("auth");
        Optional<String> password = text(auth, "password");
        password.ifPresent(secrets::remember);
        Optional<String> authUrl = text(auth, "auth_url");
        Optional<String> username = text(auth, "username");
        Optional<String> project = text(auth, "project_name");
        if (authUrl.isEmpty()) {
            problems.add("auth.auth_url is required");
        }
        if (username.isEmpty()) {
            problems.add("auth.username is required (user_id is not supported)");
        }
        if (password.isEmpty()) {
            problems.add("auth.password is required");
        }
        if (project.isEmpty()) {
            problems.add("auth.project_name is required");
        }
        CloudConfig.Domain userDomain = domain(auth, "user_domain");
        CloudConfig.Domain projectDomain = domain(auth, "project_domain");
        String iface = text(entry, "interface").orElse(text(entry, "endpoint_type").orElse("public"))
                .toLowerCase(Locale.ROOT).replace("url", "");
        if (!INTERFACES.contains(iface)) {
            problems.add("interface '" + iface + "' must be public, internal or admin");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(where + ": " + String.join("; ", problems));
        }
        return new CloudConfig(cloud, authUrl.get(), username.get(), password.get(), project.get(),
                userDomain, projectDomain, text(entry, "region_name"), iface);
    }

    /** {@code <prefix>_name}, else {@code <prefix>_id}, else {@code domain_name}/{@code domain_id}, else the Default domain. */
    private static CloudConfig.Domain domain(JsonNode auth, String prefix) {
        return text(auth, prefix + "_name").map(n -> new CloudConfig.Domain(n, false))
                .or(() -> text(auth, prefix + "_id").map(i -> new CloudConfig.Domain(i, true)))
                .or(() -> text(auth, "domain_name").map(n -> new CloudConfig.Domain(n, false)))
                .or(() -> text(auth, "domain_id").map(i -> new CloudConfig.Domain(i, true)))
                .orElse(new CloudConfig.Domain("default", true));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.asText().strip());
    }
}
