package io.dayshift.golden;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Golden plans, after charmed-openstack-upgrader's {@code tests/mocked_plans}: a cloud fixture in
 * ({@code src/test/resources/golden/<planner>/<case>.yaml}), the exact plan text out, checked in beside it
 * ({@code <case>.plan.txt}). A change to a plan shows as a diff in review and fails the test until the file is
 * regenerated with {@code -Dgolden.update=true}, which rewrites the files and then fails once, so that regeneration
 * never passes unnoticed.
 */
public final class Golden {

    /** Where the fixtures live in the source tree (the tests run in the project directory); updates are written there. */
    static final Path ROOT = Path.of("src", "test", "resources", "golden");
    static final String UPDATE = "golden.update";

    /** Fixture keys in kebab-case, as the lab topology and the site settings spell them; an unknown key is an error. */
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .addModule(new JavaTimeModule()).addModule(new Jdk8Module())
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Golden() {
    }

    /** The cases of a planner: every {@code <case>.yaml} under {@code golden/<planner>/}, by name. */
    public static Stream<Path> cases(String planner) {
        try (Stream<Path> files = Files.list(ROOT.resolve(planner))) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("no golden fixtures under " + ROOT.resolve(planner));
            }
            return found.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sites of {@code golden/sites.yaml} (the shape of {@code dayshift.sites}), validated as the service validates them. */
    public static Sites sites() {
        try {
            ObjectNode all = (ObjectNode) YAML.readTree(ROOT.resolve("sites.yaml").toFile());
            Map<String, Site> sites = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : all.properties()) {
                ObjectNode site = ((ObjectNode) entry.getValue()).deepCopy();
                site.put("name", entry.getKey());
                sites.put(entry.getKey(), YAML.treeToValue(site, Site.class));
            }
            return new Sites(sites);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT.resolve("sites.yaml") + ": " + e.getMessage(), e);
        }
    }

    /** A value as the run stores it in a JSON variable, indented for review. */
    public static String json(Object value) {
        try {
            return new ObjectMapper().findAndRegisterModules().writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture read into the test's record. */
    public static <T> T read(Path fixture, Class<T> type) {
        try {
            return YAML.readValue(fixture.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden fixture " + fixture + ": " + e.getMessage(), e);
        }
    }

    /**
     * Compares the plan with {@code <case>.plan.txt} beside the fixture, exactly; on a difference fails with where the texts
     * part, a unified-style diff and the command to regenerate {@code test}. With {@code -Dgolden.update=true} writes the file and fails.
     */
    public static void verify(Path fixture, String plan, Class<?> test) {
        verify(fixture, plan, test, ".plan.txt");
    }

    /**
     * {@link #verify(Path, String, Class)} against {@code <case><suffix>} beside the fixture: {@code .table.json} for the
     * plan's tables as the approval form reads them ({@link #json}).
     */
    public static void verify(Path fixture, String plan, Class<?> test, String suffix) {
        String name = fixture.getFileName().toString();
        Path expectedFile = fixture.resolveSibling(name.substring(0, name.length() - ".yaml".length()) + suffix);
        String actual = plan.endsWith("\n") ? plan : plan + "\n";
        String regenerate = "./mvnw -q -o test -Dtest=" + test.getSimpleName() + " -D" + UPDATE + "=true";
        try {
            if (Boolean.getBoolean(UPDATE)) {
                boolean same = Files.exists(expectedFile) && Files.readString(expectedFile, StandardCharsets.UTF_8).equals(actual);
                if (!same) {
                    Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
                }
                fail((same ? "unchanged " : "rewrote ") + expectedFile + " (-D" + UPDATE + "=true); review the diff, commit it and run the test"
                        + " again without -D" + UPDATE);
            }
            if (!Files.exists(expectedFile)) {
                fail("no golden plan " + expectedFile + " for " + fixture + "; write it with: " + regenerate);
            }
            String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
            if (!expected.equals(actual)) {
                fail("the plan of " + fixture + " differs from " + expectedFile + "\n" + Diff.describe(expected, actual)
                        + "\nIf the change is intended, regenerate the golden plans and review the diff: " + regenerate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A port that answers the planner's reads from the fixture and refuses everything else: planning must not act on a site.
     *
     * @param answers method name → the answer for its arguments
     */
    public static <T> T port(Class<T> type, Map<String, Function<Object[], Object>> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "toString" -> "golden " + type.getSimpleName();
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> proxy == args[0];
                };
            }
            Function<Object[], Object> answer = answers.get(method.getName());
            if (answer == null) {
                throw new UnsupportedOperationException("a golden fixture answers only the reads a plan needs, not " + type.getSimpleName() + "."
                        + method.getName());
            }
            return answer.apply(args == null ? new Object[0] : args);
        }));
    }

    /** A line diff for people: the first differing line, then the changed lines with a little context, as {@code diff -u} marks them. */
    static final class Diff {

        private static final int CONTEXT = 2;
        private static final int MAX_LINES = 60;

        private Diff() {
        }

        static String describe(String expected, String actual) {
            String[] a = expected.split("\n", -1);
            String[] b = actual.split("\n", -1);
            int first = 0;
            while (first < a.length && first < b.length && a[first].equals(b[first])) {
                first++;
            }
            StringBuilder out = new StringBuilder();
            out.append("first difference at line ").append(first + 1).append(":\n")
                    .append("  expected: ").append(first < a.length ? a[first] : "(end of file)").append('\n')
                    .append("  actual:   ").append(first < b.length ? b[first] : "(end of file)").append('\n');
            out.append("--- expected\n+++ actual\n");
            List<String> lines = unified(a, b);
            lines.stream().limit(MAX_LINES).forEach(l -> out.append(l).append('\n'));
            if (lines.size() > MAX_LINES) {
                out.append("… ").append(lines.size() - MAX_LINES).append(" more diff line(s)\n");
            }
            return out.toString();
        }

        /** The edit script of the longest common subsequence, in hunks with {@link #CONTEXT} lines around each change. */
        private static List<String> unified(String[] a, String[] b) {
            int[][] lcs = new int[a.length + 1][b.length + 1];
            for (int i = a.length - 1; i >= 0; i--) {
                for (int j = b.length - 1; j >= 0; j--) {
                    lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
                }
            }
            List<String> script = new ArrayList<>();
            List<int[]> at = new ArrayList<>();
            int i = 0;
            int j = 0;
            while (i < a.length || j < b.length) {
                if (i < a.length && j < b.length && a[i].equals(b[j])) {
                    script.add("  " + a[i]);
                    at.add(new int[] {++i, ++j});
                } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
                    script.add("- " + a[i]);
                    at.add(new int[] {++i, j});
                } else {
                    script.add("+ " + b[j]);
                    at.add(new int[] {i, ++j});
                }
            }
            List<String> out = new ArrayList<>();
            int shownUpTo = -1;
            for (int k = 0; k < script.size(); k++) {
                if (script.get(k).startsWith("  ")) {
                    continue;
                }
                int from = Math.max(shownUpTo + 1, k - CONTEXT);
                if (from > shownUpTo + 1) {
                    out.add("@@ line " + at.get(from)[0] + " of expected, " + at.get(from)[1] + " of actual @@");
                }
                int to = k;
                while (to + 1 < script.size() && (!script.get(to + 1).startsWith("  ") || nextChangeWithin(script, to + 1))) {
                    to++;
                }
                to = Math.min(script.size() - 1, to + CONTEXT);
                for (int m = from; m <= to; m++) {
                    out.add(script.get(m));
                }
                shownUpTo = to;
                k = to;
            }
            return out;
        }

        private static boolean nextChangeWithin(List<String> script, int from) {
            for (int m = from; m < Math.min(script.size(), from + 2 * CONTEXT + 1); m++) {
                if (!script.get(m).startsWith("  ")) {
                    return true;
                }
            }
            return false;
        }
    }
}
