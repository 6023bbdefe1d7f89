package dev.omnibridge.bot.engine;

import static dev.omnibridge.bot.engine.Engines.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibridge.bot.engine.FakeEngine.Response;
import dev.omnibridge.bot.scenario.ScenarioBot;
import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.dialog.Owner;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConfiguredBotTest {

    private final FakeEngine engine = FakeEngine.start(r -> r.path().equals("/rasa")
            ? Response.json("[{\"text\":\"hi\"}]")
            : Response.json("{\"has_answer\":true,\"messages\":[{\"kind\":\"operator\",\"text\":\"hi\"}]}"));

    @AfterEach
    void stop() {
        engine.close();
    }

    private static ConfiguredBot bot(Consumer<ConfiguredBot> settings) {
        ConfiguredBot bot = new ConfiguredBot();
        settings.accept(bot);
        bot.init();
        return bot;
    }

    private String authorizationSent(String type, String path, Consumer<ConfiguredBot> settings) {
        ConfiguredBot bot = bot(b -> {
            b.setType(type);
            b.client().setUrl(engine.url(path));
            b.client().setToken("t0k3n");
            settings.accept(b);
        });
        bot.respond(new DialogState(1, Owner.BOT, 0), message(1, "Привет"));
        FakeEngine.Request last = engine.requests().get(engine.requests().size() - 1);
        return last.header("Authorization") != null ? last.header("Authorization")
                : "X-Api-Key=" + last.header("X-Api-Key");
    }

    @Test
    void theScenarioBotIsTheDefault() {
        assertThat(bot(b -> {}).delegate()).isInstanceOf(ScenarioBot.class);
        assertThat(bot(b -> b.setType(" ")).delegate()).isInstanceOf(ScenarioBot.class);
        assertThat(bot(b -> b.setType("Scenario")).delegate()).isInstanceOf(ScenarioBot.class);
    }

    @Test
    void externalEnginesAreWrappedInTheFailSafe() {
        for (String type : new String[] {"webim", "rasa", "generic"}) {
            assertThat(bot(b -> {
                b.setType(type);
                b.client().setUrl(engine.url("/bot"));
            }).delegate()).as(type).isInstanceOf(FailSafeBot.class);
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
            b.client().setUrl("http://rasa:5005/webhooks/rest/webhook");
            b.client().setRetries(-1);
        })).hasMessage("bot.type=rasa: bot.http.retries must be between 0 and 5");
    }

    @Test
    void theTokenSchemeDefaultsToTheEnginesOwn() {
        assertThat(authorizationSent("webim", "/webim", b -> {})).isEqualTo("Token t0k3n");
        assertThat(authorizationSent("rasa", "/rasa", b -> {})).isEqualTo("Bearer t0k3n");
        assertThat(authorizationSent("rasa", "/rasa", b -> b.client().setTokenPrefix("JWT"))).isEqualTo("JWT t0k3n");
        assertThat(authorizationSent("rasa", "/rasa", b -> b.client().setTokenHeader("X-Api-Key")))
                .isEqualTo("X-Api-Key=t0k3n");
    }

    @Test
    void aFailingEngineIsCaughtByTheFailSafe() {
        ConfiguredBot bot = bot(b -> {
            b.setType("generic");
            b.client().setUrl(engine.url("/rasa")); // answers a list: not the generic contract
            b.setFallbackMessage("Sorry");
        });

        assertThat(bot.respond(new DialogState(1, Owner.BOT, 0), message(1, "Привет")).replies())
                .containsExactly("Sorry");
    }
}
