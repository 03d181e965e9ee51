package io.dayshift.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's identity: the configured one, or the one kept in its data directory, stable across starts. */
class NodeIdentityTest {

    @TempDir
    Path data;

    @Test
    void aConfiguredIdentityWinsAndNoFileIsWritten() {
        Path file = data.resolve("node-id");

        assertThat(NodeIdentity.resolve(new NodeProperties(" ops-1 ", file))).isEqualTo("ops-1");
        assertThat(file).doesNotExist();
    }

    @Test
    void withoutOneTheIdentityIsChosenOnceAndKeptInTheDataDirectory() throws Exception {
        Path file = data.resolve("sub/node-id");

        String first = NodeIdentity.resolve(new NodeProperties(null, file));
        String again = NodeIdentity.resolve(new NodeProperties("", file));

        assertThat(first).isEqualTo(again).matches(NodeProperties.VALID_ID);
        assertThat(Files.readString(file).strip()).isEqualTo(first);
        assertThat(NodeIdentity.resolve(new NodeProperties(null, data.resolve("other/node-id"))))
                .as("another data directory, another identity").isNotEqualTo(first);
    }

    @Test
    void aChosenIdentityIsTheHostNameAndARandomSuffix() {
        assertThat(NodeIdentity.chosen("Ops-Node_1.example.org")).matches("ops-node_1\\.example\\.org-[0-9a-f]{8}");
        assertThat(NodeIdentity.chosen("--ünïcode host")).matches("n-code-host-[0-9a-f]{8}");
        assertThat(NodeIdentity.chosen("")).matches("node-[0-9a-f]{8}");
        assertThat(NodeIdentity.chosen("h".repeat(300))).hasSize(40 + 9);
    }

    @Test
    void anInvalidIdentityIsRefusedNamingTheSettingOrTheFile() throws Exception {
        assertThatThrownBy(() -> new NodeProperties("node one; rm -rf /", data.resolve("node-id")))
                .hasMessageContaining("dayshift.node.id (DAYSHIFT_NODE_ID) must be")
                .hasMessageContaining("'node one; rm -rf /'");
        assertThatThrownBy(() -> new NodeProperties("x".repeat(101), data.resolve("node-id")))
                .hasMessageContaining("dayshift.node.id");
        assertThatThrownBy(() -> new NodeProperties(null, null)).hasMessageContaining("dayshift.node.id-file");

        Path file = data.resolve("node-id");
        Files.writeString(file, "-starts with a dash\n");
        assertThatThrownBy(() -> NodeIdentity.resolve(new NodeProperties(null, file)))
                .hasMessageContaining("the node identity in " + file.toAbsolutePath())
                .hasMessageContaining("(dayshift.node.id-file) must be");
    }
}
