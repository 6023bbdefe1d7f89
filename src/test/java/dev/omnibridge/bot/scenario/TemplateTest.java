package dev.omnibridge.bot.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibridge.dialog.Visitor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    private static final Map<String, String> ANNA = Template.values(Fixtures.message("Где заказ?"));
    private static final Map<String, String> ANONYMOUS =
            Template.values(Fixtures.message("  привет  ", Visitor.UNKNOWN));

    @Test
    void substitutesVisitorFieldsAndText() {
        Template template = Template.parse("{name} ({email}, {phone}, #{visitor_id}) спросила: «{text}»");
        assertThat(template.render(ANNA))
                .isEqualTo("Анна (anna@example.com, +79990001122, #v-42) спросила: «Где заказ?»");
    }

    @Test
    void fallbackWhenEmpty() {
        Template template = Template.parse("Здравствуйте, {name|гость}!");
        assertThat(template.render(ANNA)).isEqualTo("Здравствуйте, Анна!");
        assertThat(template.render(ANONYMOUS)).isEqualTo("Здравствуйте, гость!");
        assertThat(Template.parse("[{ email | нет почты }]").render(ANONYMOUS)).isEqualTo("[нет почты]");
    }

    @Test
    void emptyWithoutFallbackIsEmpty() {
        assertThat(Template.parse("Телефон: {phone}.").render(ANONYMOUS)).isEqualTo("Телефон: .");
    }

    @Test
    void textWithoutPlaceholdersIsUnchanged() {
        assertThat(Template.parse("Скидка 10% — до 31.12 { не placeholder").render(ANNA))
                .isEqualTo("Скидка 10% — до 31.12 { не placeholder");
    }

    @Test
    void unknownPlaceholderIsRejected() {
        assertThatThrownBy(() -> Template.parse("Привет, {nmae}!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown placeholder '{nmae}' (known: {name}, {email}, {phone}, {visitor_id}, {text})");
        assertThatThrownBy(() -> Template.parse("{}")).hasMessageStartingWith("unknown placeholder '{}'");
    }
}
