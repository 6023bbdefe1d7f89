package dev.omnibridge.bot.scenario;

import static dev.omnibridge.bot.scenario.Fixtures.message;
import static dev.omnibridge.bot.scenario.Fixtures.newDialog;
import static dev.omnibridge.bot.scenario.Fixtures.ongoingDialog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.omnibridge.bot.BotTurn;
import dev.omnibridge.bot.Handoff;
import dev.omnibridge.bot.KnowledgeBase;
import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.dialog.Visitor;
import dev.omnibridge.omnidesk.KbArticle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ScenarioBotTest {

    static final String SCENARIO = """
            greeting: "Здравствуйте, {name|гость}!"
            intents:
              - id: delivery
                keywords: [доставк*, delivery]
                phrases: ["где мой заказ"]
                reply: "Доставка 1–3 дня."
              - id: order-number
                patterns: ['заказ\\s*n?\\s*\\d+']
                replies: ["Проверяю заказ.", "Вы написали: {text}"]
              - id: operator
                handoff: true
                keywords: [оператор*, человек*, operator]
                reply: "Передаю оператору, {name|гость}."
            knowledge-base:
              results: 2
              excerpt-chars: 40
              intro: "Нашёл в базе знаний:"
            misunderstood:
              handoff-after: 2
              reply: "Не понял, {name|гость}."
              handoff-reply: "Передаю оператору."
            """;

    @TempDir
    Path dir;

    private final FakeKnowledgeBase kb = new FakeKnowledgeBase();
    private ScenarioBot bot;

    @BeforeEach
    void setUp() {
        bot = Fixtures.bot(dir, SCENARIO, kb);
    }

    @Test
    void intentReplyResetsMisunderstood() {
        DialogState dialog = ongoingDialog();
        dialog.setMisunderstood(1);

        BotTurn turn = bot.respond(dialog, message("Где моя доставка?"));

        assertThat(turn.replies()).containsExactly("Доставка 1–3 дня.");
        assertThat(turn.hasHandoff()).isFalse();
        assertThat(dialog.getMisunderstood()).isZero();
        assertThat(kb.queries).isEmpty();
    }

    @Test
    void phrasesAndPatternsMatchOverNormalizedText() {
        assertThat(bot.respond(ongoingDialog(), message("ГДЕ, мой заказ?!")).replies())
                .containsExactly("Доставка 1–3 дня.");
        assertThat(bot.respond(ongoingDialog(), message("Заказ №12345 не пришёл")).replies())
                .containsExactly("Проверяю заказ.", "Вы написали: Заказ №12345 не пришёл");
    }

    @Test
    void handoffIntentWinsOverEarlierIntents() {
        BotTurn turn = bot.respond(ongoingDialog(), message("Оператора позовите, где мой заказ?"));

        assertThat(turn.replies()).containsExactly("Передаю оператору, Анна.");
        assertThat(turn.handoff())
                .isEqualTo(new Handoff(Handoff.REQUESTED, "Customer asked for an operator: intent 'operator'"));
    }

    @Test
    void greetingComesFirstOnANewDialog() {
        DialogState dialog = newDialog();

        BotTurn turn = bot.respond(dialog, message("доставка?"));

        assertThat(turn.replies()).containsExactly("Здравствуйте, Анна!", "Доставка 1–3 дня.");
        assertThat(dialog.isNewDialog()).as("the bridge clears it, not the bot").isTrue();
    }

    @Test
    void greetingAloneWhenTheFirstMessageIsNotUnderstood() {
        DialogState dialog = newDialog();

        BotTurn turn = bot.respond(dialog, message("Здравствуйте", Visitor.UNKNOWN));

        assertThat(turn.replies()).containsExactly("Здравствуйте, гость!");
        assertThat(turn.hasHandoff()).isFalse();
        assertThat(dialog.getMisunderstood()).isZero();
        assertThat(kb.queries).isEmpty(); // a greeting is no question: the knowledge base is not searched
    }

    @Test
    void aFirstMessageAskingForAPersonGetsTheHandoffReplyWithoutAGreeting() {
        BotTurn turn = bot.respond(newDialog(), message("живой человек нужен"));

        // "Hello, how can I help?" right before "passing you to an operator" reads wrong
        assertThat(turn.replies()).containsExactly("Передаю оператору, Анна.");
        assertThat(turn.handoff().reason()).isEqualTo(Handoff.REQUESTED);
    }

    @Test
    void greetingThenKnowledgeBaseAnswerOnANewDialog() {
        kb.articles = List.of(new KbArticle(7, "Гарантия", "Гарантия 12 месяцев.", "https://kb/7"));

        BotTurn turn = bot.respond(newDialog(), message("гарантия?"));

        assertThat(turn.replies()).containsExactly("Здравствуйте, Анна!",
                "Нашёл в базе знаний:\n\nГарантия\nГарантия 12 месяцев.\nhttps://kb/7");
    }

    @Test
    void knowledgeBaseHitFormatsArticlesAndResetsMisunderstood() {
        kb.articles = List.of(
                new KbArticle(7, "Гарантия", "Гарантия на всю технику — 12 месяцев с момента покупки.", "https://kb/7"),
                new KbArticle(8, "Сервисные центры", "Адреса в разделе «Контакты».", " "));
        DialogState dialog = ongoingDialog();
        dialog.setMisunderstood(1);

        BotTurn turn = bot.respond(dialog, message("  Какая гарантия на телевизор?  "));

        // one search by the longest stem; the service-centre article holds none of the question's words
        assertThat(kb.queries).containsExactly("телевиз");
        assertThat(kb.limits).containsExactly(KbFallback.CANDIDATES);
        assertThat(turn.replies()).containsExactly("""
                Нашёл в базе знаний:

                Гарантия
                Гарантия на всю технику — 12 месяцев с…
                https://kb/7""");
        assertThat(dialog.getMisunderstood()).isZero();
    }

    @Test
    void knowledgeBaseMissCountsAsMisunderstood() {
        DialogState dialog = ongoingDialog();

        BotTurn turn = bot.respond(dialog, message("Какая гарантия на пылесос?"));

        // nothing relevant for the longest stem: one more search by the next, then it is a miss
        assertThat(kb.queries).containsExactly("гарант", "пылес");
        assertThat(turn.replies()).containsExactly("Не понял, Анна.");
        assertThat(dialog.getMisunderstood()).isEqualTo(1);
    }

    @Test
    void knowledgeBaseFailureIsTreatedAsAMissAndLoggedWithoutTheCustomerText() {
        kb.failure = new IllegalStateException("HTTP 500 for ?search=Какая гарантия");
        DialogState dialog = ongoingDialog();
        Logger logger = (Logger) LoggerFactory.getLogger(KbFallback.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            BotTurn turn = bot.respond(dialog, message("Какая гарантия?"));

            assertThat(turn.replies()).containsExactly("Не понял, Анна.");
            assertThat(dialog.getMisunderstood()).isEqualTo(1);
        } finally {
            logger.detachAppender(log);
        }
        assertThat(log.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage())
                    .contains("1001", "IllegalStateException")
                    .doesNotContain("гарантия");
            assertThat(event.getThrowableProxy()).isNull();
        });
    }

    @Test
    void shortOrBlankMessagesDoNotReachTheKnowledgeBase() {
        bot.respond(ongoingDialog(), message("ok"));
        bot.respond(ongoingDialog(), message("?!?!"));
        BotTurn blank = bot.respond(ongoingDialog(), message("   "));

        assertThat(kb.queries).isEmpty();
        assertThat(blank.replies()).containsExactly("Не понял, Анна.");
    }

    @Test
    void withoutAKnowledgeBaseTheFallbackIsSkipped() {
        bot.setKnowledgeBase(null);
        assertThat(bot.respond(ongoingDialog(), message("Какая гарантия?")).replies())
                .containsExactly("Не понял, Анна.");
    }

    @Test
    void handsOffAfterNMisunderstoodInARow() {
        DialogState dialog = ongoingDialog();

        BotTurn first = bot.respond(dialog, message("абракадабра"));
        BotTurn second = bot.respond(dialog, message("снова непонятно"));

        assertThat(first.hasHandoff()).isFalse();
        assertThat(first.replies()).containsExactly("Не понял, Анна.");
        assertThat(second.replies()).containsExactly("Передаю оператору.");
        assertThat(second.handoff().reason()).isEqualTo(Handoff.NOT_UNDERSTOOD);
        assertThat(second.handoff().detail()).isEqualTo("The bot did not understand 2 messages in a row");
    }

    @Test
    void anIntentInBetweenResetsTheCount() {
        DialogState dialog = ongoingDialog();

        bot.respond(dialog, message("абракадабра"));
        bot.respond(dialog, message("доставка"));
        BotTurn third = bot.respond(dialog, message("снова непонятно"));

        assertThat(third.hasHandoff()).isFalse();
        assertThat(dialog.getMisunderstood()).isEqualTo(1);
    }

    @Test
    void aKnowledgeBaseHitInBetweenResetsTheCount() {
        DialogState dialog = ongoingDialog();

        bot.respond(dialog, message("абракадабра"));
        kb.articles = List.of(new KbArticle(1, "Гарантия", "12 месяцев", ""));
        bot.respond(dialog, message("гарантия?"));
        kb.articles = List.of();
        BotTurn third = bot.respond(dialog, message("снова непонятно"));

        assertThat(third.hasHandoff()).isFalse();
        assertThat(dialog.getMisunderstood()).isEqualTo(1);
    }

    @Test
    void attachmentOnlyMessageCountsAsMisunderstood() {
        DialogState dialog = ongoingDialog();
        dialog.setMisunderstood(1);

        BotTurn turn = bot.respond(dialog, message(""));

        assertThat(turn.handoff().reason()).isEqualTo(Handoff.NOT_UNDERSTOOD);
        assertThat(kb.queries).isEmpty();
    }

    @Test
    void handoffAfterZeroNeverHandsOff(@TempDir Path other) {
        ScenarioBot patient = Fixtures.bot(other, """
                intents: []
                misunderstood:
                  handoff-after: 0
                  reply: "Не понял."
                """, null);
        DialogState dialog = ongoingDialog();
        for (int i = 0; i < 5; i++) {
            assertThat(patient.respond(dialog, message("что-то")).hasHandoff()).isFalse();
        }
        assertThat(dialog.getMisunderstood()).isEqualTo(5);
    }

    @Test
    void disabledKnowledgeBaseIsNotAsked(@TempDir Path other) {
        ScenarioBot noKb = Fixtures.bot(other, """
                knowledge-base:
                  enabled: false
                """ + Fixtures.MISUNDERSTOOD, kb);
        noKb.respond(ongoingDialog(), message("Какая гарантия?"));
        assertThat(kb.queries).isEmpty();
    }

    @Test
    void respondBeforeInitIsAClearError() {
        assertThatThrownBy(() -> new ScenarioBot().respond(ongoingDialog(), message("привет")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("init()");
    }

    /** Records what it was asked; answers {@link #articles} or throws {@link #failure}. */
    static final class FakeKnowledgeBase implements KnowledgeBase {

        final List<String> queries = new ArrayList<>();
        final List<Integer> limits = new ArrayList<>();
        List<KbArticle> articles = List.of();
        RuntimeException failure;

        @Override
        public List<KbArticle> search(String query, int limit) {
            queries.add(query);
            limits.add(limit);
            if (failure != null) {
                throw failure;
            }
            return articles;
        }
    }
}
