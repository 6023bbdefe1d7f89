package dev.omnibridge.bot.engine;

import static dev.omnibridge.bot.engine.Engines.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibridge.bot.scenario.ScenarioBot;
import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.dialog.Owner;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Who answers, as bot.type says, and the settings of an external engine. The engine's call itself (credentials on
 * the wire, the fail-safe) is tested through the routes: {@link EngineRouteTest} and the end-to-end tests.
 */
class ConfiguredBotTest {

    private static ConfiguredBot bot(Consumer<ConfiguredBot> settings) {
        ConfiguredBot bot = new ConfiguredBot();
        settings.accept(bot);
        bot.init();
        return bot;
    }

    /** The credentials header the engine's request carries, as "value" or "Header=value" outside Authorization. */
    private String authorizationSent(String type, String path, Consumer<ConfiguredBot> settings) {
        ConfiguredBot bot = bot(b -> {
            b.setType(type);
            b.engine().setUrl("http://engine.example" + path);
            b.engine().setToken("t0k3n");
            settings.accept(b);
        });
        EngineAuth auth = bot.engine().request(new DialogState(1, Owner.BOT, 0), message(1, "Привет")).auth();
        return auth.header().equals("Authorization") ? auth.value() : auth.header() + "=" + auth.value();
    }

    @Test
    void theScenarioBotIsTheDefault() {
        assertThat(bot(b -> {}).delegate()).isInstanceOf(ScenarioBot.class);
        assertThat(bot(b -> b.setType(" ")).delegate()).isInstanceOf(ScenarioBot.class);
        assertThat(bot(b -> b.setType("Scenario")).delegate()).isInstanceOf(ScenarioBot.class);
        assertThat(bot(b -> {}).isExternal()).isFalse();
    }

    @Test
    void externalEnginesAnswerThroughTheEngineRoute() {
        for (String type : new String[] {"webim", "rasa", "generic", " Rasa "}) {
            ConfiguredBot bot = bot(b -> {
                b.setType(type);
                b.engine().setUrl("http://engine.example/bot");
            });
            assertThat(bot.isExternal()).as(type).isTrue();
            assertThat(bot.delegate()).as(type).isNull();
            assertThatThrownBy(() -> bot.respond(new DialogState(1, Owner.BOT, 0), message(1, "Привет")))
                    .as(type).hasMessageContaining("routes/bot-engine.yaml");
            assertThatThrownBy(bot::reloadScenario).as(type).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("there is no scenario to reload");
        }
    }

    @Test
    void misconfigurationStopsTheStartWithOneLine() {
        assertThatThrownBy(() -> bot(b -> b.setType("dialogflow")))
                .hasMessage("bot.type must be one of scenario, webim, rasa, generic, not 'dialogflow'");
        assertThatThrownBy(() -> bot(b -> b.setType("webim")))
                .hasMessage("bot.type=webim: bot.http.url (BOT_HTTP_URL) is empty");
        assertThatThrownBy(() -> bot(b -> {
            b.setType("rasa");
            b.engine().setUrl("http://rasa:5005/webhooks/rest/webhook");
            b.http().setRetries(-1);
        })).hasMessage("bot.type=rasa: bot.http.retries must be between 0 and 5");
    }

    @Test
    void settingsAreCheckedAtStart() {
        assertThatThrownBy(() -> bot(b -> {
            b.setType("generic");
            b.engine().setUrl("ftp://bot.example.com/");
        })).hasMessage("bot.type=generic: bot.http.url must be an http:// or https:// URL with a host");
        assertThatThrownBy(() -> bot(b -> {
            b.setType("generic");
            b.engine().setUrl("http://bot.example.com/");
            b.http().setRetries(9);
        })).hasMessage("bot.type=generic: bot.http.retries must be between 0 and 5");
        assertThatThrownBy(() -> bot(b -> {
            b.setType("generic");
            b.engine().setUrl("http://bot.example.com/");
            b.engine().setToken("t");
            b.engine().setUsername("u");
        })).hasMessage("bot.type=generic: set either bot.http.token or bot.http.username/bot.http.password, not both");
        assertThatThrownBy(() -> bot(b -> {
            b.setType("generic");
            b.engine().setUrl("http://bot.example.com/");
            b.engine().setToken("a\nb");
        })).hasMessage("bot.type=generic: the token contains control characters");
    }

    @Test
    void theTokenSchemeDefaultsToTheEnginesOwn() {
        assertThat(authorizationSent("webim", "/webim", b -> {})).isEqualTo("Token t0k3n");
        assertThat(authorizationSent("rasa", "/rasa", b -> {})).isEqualTo("Bearer t0k3n");
        assertThat(authorizationSent("rasa", "/rasa", b -> b.engine().setTokenPrefix("JWT"))).isEqualTo("JWT t0k3n");
        assertThat(authorizationSent("rasa", "/rasa", b -> b.engine().setTokenHeader("X-Api-Key")))
                .isEqualTo("X-Api-Key=t0k3n");
    }

    @Test
    void theDescriptionNamesNoSecret() {
        ConfiguredBot bot = bot(b -> {
            b.setType("generic");
            b.engine().setUrl("https://user:pw@bot.example.com:8443/api/bot?token=q-secret");
            b.engine().setToken("t-secret");
            b.http().setTimeoutMs(300);
            b.http().setConnectTimeoutMs(300);
        });

        assertThat(bot.describe())
                .isEqualTo("the generic engine at https://bot.example.com:8443/api/bot (timeout 300 ms, connect 300 ms, "
                        + "1 retry, token in the Authorization header)")
                .doesNotContain("secret").doesNotContain("pw");
    }

    @Test
    void theRequestsToStringShowsNoSecret() {
        ConfiguredBot bot = bot(b -> {
            b.setType("generic");
            b.engine().setUrl("https://bot.example.com/api/bot?token=q-secret");
            b.engine().setUsername("bridge");
            b.engine().setPassword("pa55-secret");
        });

        assertThat(bot.engine().request(new DialogState(1, Owner.BOT, 0), message(1, "card 4111")).toString())
                .isEqualTo("EngineRequest[POST https://bot.example.com/api/bot, HTTP Basic]");
    }
}
