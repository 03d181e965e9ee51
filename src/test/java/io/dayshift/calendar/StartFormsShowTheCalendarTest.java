package io.dayshift.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Where a start form shows the calendar text: before the site field, or in the component the form placed for it. */
class StartFormsShowTheCalendarTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theTextGoesBeforeTheSiteField() throws IOException {
        JsonNode shown = shown("""
                {"id": "f", "components": [
                  {"id": "Text_Purpose", "type": "text", "text": "## Drain"},
                  {"id": "Field_Site", "type": "textfield", "key": "site"},
                  {"id": "Field_Host", "type": "textfield", "key": "host"}]}""");

        assertThat(shown.path("components")).extracting(c -> c.path("id").asText())
                .containsExactly("Text_Purpose", StartFormsShowTheCalendar.COMPONENT, "Field_Site", "Field_Host");
        assertThat(shown.path("components").get(1).path("text").asText()).isEqualTo("- **lab**: open");
        assertThat(shown.path("components").get(1).has("key")).isFalse();
    }

    @Test
    void aFormThatPlacesTheComponentItselfGetsTheTextThereAndAFormWithoutASiteFieldFirst() throws IOException {
        JsonNode placed = shown("""
                {"id": "f", "components": [
                  {"id": "Field_Site", "type": "textfield", "key": "site"},
                  {"id": "Text_SiteCalendars", "type": "text", "text": "shown when opened"}]}""");
        assertThat(placed.path("components")).extracting(c -> c.path("id").asText() + ":" + c.path("text").asText(""))
                .containsExactly("Field_Site:", "Text_SiteCalendars:- **lab**: open");

        JsonNode noSite = shown("""
                {"id": "f", "components": [{"id": "Field_Host", "type": "textfield", "key": "host"}]}""");
        assertThat(noSite.path("components").get(0).path("id").asText()).isEqualTo(StartFormsShowTheCalendar.COMPONENT);
    }

    private static JsonNode shown(String form) throws IOException {
        return JSON.readTree(StartFormsShowTheCalendar.withNotice(new ByteArrayInputStream(form.getBytes(StandardCharsets.UTF_8)), "- **lab**: open"));
    }
}
