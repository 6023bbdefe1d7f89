package dev.omnibridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleTemplateTest {

    @Test
    void templatesAreTheSeedBodies() {
        assertThat(RuleTemplate.NEW_CASE.template())
                .startsWith("{\n\"event\": \"new_message\",\n\"message\": {\n    \"kind\": \"visitor\",\n")
                .contains("\"text\": \"[case_description]\"")
                .endsWith("\"chat_id\": [case_id]\n}");
        assertThat(RuleTemplate.UPDATED_CASE.template())
                .isEqualTo(RuleTemplate.NEW_CASE.template().replace("[case_description]", "[last_message]"));
    }

    @Test
    void substitutesInOnePassAndLeavesUnknownPlaceholders() {
        String out = RuleTemplate.substitute("[a]-[b]-[unknown]-$1",
                Map.of("a", "[b] \\ $0", "b", "x"));
        assertThat(out).isEqualTo("[b] \\ $0-x-[unknown]-$1");
    }
}
