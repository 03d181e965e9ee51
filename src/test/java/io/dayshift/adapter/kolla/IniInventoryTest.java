package io.dayshift.adapter.kolla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Host edits in an Ansible INI inventory shaped like kolla-ansible's multinode. */
class IniInventoryTest {

    static final String MULTINODE = """
            # These initial groups are the only groups required to be modified.
            [control]
            ctl[01:03] ansible_user=kolla

            [network:children]
            control

            [compute]
            cn01
            cn02 ansible_host=10.0.0.12   # rack 2
            ; retired: cn00

            [monitoring]
            mon01

            [compute:vars]
            ansible_become=true

            [nova-compute:children]
            compute
            """;

    @Test
    void findsHostsDirectlyAndThroughRanges() {
        assertThat(IniInventory.contains(MULTINODE, "compute", "cn02")).isTrue();
        assertThat(IniInventory.contains(MULTINODE, "compute", "cn00")).isFalse();
        assertThat(IniInventory.contains(MULTINODE, "control", "ctl02")).isTrue();
        assertThat(IniInventory.contains(MULTINODE, "control", "ctl04")).isFalse();
        assertThat(IniInventory.contains(MULTINODE, "monitoring", "cn01")).isFalse();
        assertThat(IniInventory.contains(MULTINODE, "nova-compute", "compute")).isFalse();
    }

    @Test
    void addsAHostAfterTheGroupsLastHostLeavingEverythingElse() {
        String updated = IniInventory.withHost(MULTINODE, "compute", "cn05");

        assertThat(updated).isEqualTo(MULTINODE.replace("cn02 ansible_host=10.0.0.12   # rack 2\n", "cn02 ansible_host=10.0.0.12   # rack 2\ncn05\n"));
        assertThat(IniInventory.contains(updated, "compute", "cn05")).isTrue();
        assertThat(IniInventory.contains(updated, "monitoring", "cn05")).isFalse();
    }

    @Test
    void addingAHostThatIsThereChangesNothing() {
        assertThat(IniInventory.withHost(MULTINODE, "compute", "cn01")).isSameAs(MULTINODE);
        assertThat(IniInventory.withHost(MULTINODE, "control", "ctl03")).isSameAs(MULTINODE);
    }

    @Test
    void addsToAnEmptyGroupRightAfterItsHeader() {
        String text = "[compute]\n\n[monitoring]\nmon01";

        assertThat(IniInventory.withHost(text, "compute", "cn01")).isEqualTo("[compute]\ncn01\n\n[monitoring]\nmon01");
    }

    @Test
    void refusesAGroupThatDoesNotExist() {
        assertThatThrownBy(() -> IniInventory.withHost(MULTINODE, "storage", "cn01")).hasMessageContaining("[storage]");
    }

    @Test
    void removesOnlyTheHostsLineInThatGroup() {
        String text = MULTINODE + "\n[storage]\ncn02\n";

        String updated = IniInventory.withoutHost(text, "compute", "cn02");

        assertThat(updated).isEqualTo(text.replace("cn02 ansible_host=10.0.0.12   # rack 2\n", ""));
        assertThat(IniInventory.contains(updated, "storage", "cn02")).isTrue();
        assertThat(IniInventory.withoutHost(updated, "compute", "cn02")).isSameAs(updated);
    }

    @Test
    void refusesToRemoveAHostListedThroughARange() {
        assertThatThrownBy(() -> IniInventory.withoutHost(MULTINODE, "control", "ctl02")).hasMessageContaining("range");
    }

    @Test
    void rangesWithStepsAndLetters() {
        assertThat(IniInventory.covers("cn[01:10:2]", "cn03")).isTrue();
        assertThat(IniInventory.covers("cn[01:10:2]", "cn04")).isFalse();
        assertThat(IniInventory.covers("db-[a:c].lab", "db-b.lab")).isTrue();
        assertThat(IniInventory.covers("cn[1:3]", "cn01")).isFalse();
    }
}
