package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void argumentsAreEscapedForTextAndQuotedAttributes() {
        Html html = Html.of("<a title=\"{}\">{}</a>", "\"onmouseover='x'", "<script>&</script>`");

        assertThat(html.markup()).isEqualTo(
                "<a title=\"&quot;onmouseover=&#39;x&#39;\">&lt;script&gt;&amp;&lt;/script&gt;&#96;</a>");
    }

    @Test
    void fragmentsAreInsertedAsMarkup() {
        Html inner = Html.of("<b>{}</b>", "<i>");

        assertThat(Html.of("<p>{}</p>", inner).markup()).isEqualTo("<p><b>&lt;i&gt;</b></p>");
    }

    @Test
    void nullIsEmptyAndOtherValuesUseTheirText() {
        assertThat(Html.of("{}|{}|{}", null, 42, Html.empty()).markup()).isEqualTo("|42|");
        assertThat(Html.text("a<b").markup()).isEqualTo("a&lt;b");
    }

    @Test
    void fragmentsJoin() {
        Html joined = Stream.of("<1>", "<2>").map(text -> Html.of("<li>{}</li>", text)).collect(Html.joining());

        assertThat(joined.markup()).isEqualTo("<li>&lt;1&gt;</li><li>&lt;2&gt;</li>");
    }

    @Test
    void placeholderCountMustMatch() {
        assertThatThrownBy(() -> Html.of("<p>{}</p>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Template has more {} than the 0 arguments given");
        assertThatThrownBy(() -> Html.of("<p></p>", "extra"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Template has 0 {} but 1 arguments were given");
    }

    @Test
    void placeholdersInsideArgumentsAreNotExpanded() {
        assertThat(Html.of("<p>{}</p>", "{}").markup()).isEqualTo("<p>{}</p>");
    }
}
