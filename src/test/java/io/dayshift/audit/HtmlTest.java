package io.dayshift.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What the auditor view writes from a value is text, never markup. */
class HtmlTest {

    @Test
    void textAndAttributeValuesAreEscaped() {
        String page = new Html().open("a", "href", "/audit?site=\"><script>x</script>", "title", "it's").text("<script>alert(1)</script> & more")
                .close("a").toString();
        assertThat(page).isEqualTo("<a href=\"/audit?site=&quot;&gt;&lt;script&gt;x&lt;/script&gt;\" title=\"it's\">"
                + "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</a>");
    }

    @Test
    void namesOfElementsAndAttributesAreTheCodesOwn() {
        assertThatThrownBy(() -> new Html().open("a onclick=x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Html().open("a", "href\" onclick=\"x", "y")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAttributeWithoutValueIsLeftOut() {
        assertThat(new Html().element("option", "lab", "value", "lab", "selected", null).toString()).isEqualTo("<option value=\"lab\">lab</option>");
    }
}
