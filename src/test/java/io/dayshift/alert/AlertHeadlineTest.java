package io.dayshift.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * An alert's summary reaches its run as a headline the runbook takes: one line of at most {@link AlertVariables#HEADLINE}
 * characters. A summary written as paragraphs, or a very long one, still starts its incident instead of being refused.
 */
class AlertHeadlineTest {

    @Test
    void theFirstLineThatSaysSomethingIsTheHeadline() {
        assertThat(Alert.headline("\n  cn03 is down  \nIPMI reports PSU failure\nrunbook: https://wiki/psu", AlertVariables.HEADLINE))
                .isEqualTo("cn03 is down");
    }

    @Test
    void aLongSummaryIsCutWithAnEllipsisAtTheLimit() {
        String headline = Alert.headline("compute-07 unreachable ".repeat(20), AlertVariables.HEADLINE);
        assertThat(headline).hasSize(AlertVariables.HEADLINE).endsWith("…").startsWith("compute-07 unreachable compute-07");
    }

    @Test
    void controlCharactersBecomeSpaces() {
        assertThat(Alert.headline("cn03\tdown\u0007now", AlertVariables.HEADLINE)).isEqualTo("cn03 down now");
    }

    @Test
    void aShortOneLineSummaryStaysAsItIs() {
        assertThat(Alert.headline("Hypervisor compute-07 is down", AlertVariables.HEADLINE)).isEqualTo("Hypervisor compute-07 is down");
    }
}
