package dev.omnibridge.bot.scenario;

import static dev.omnibridge.bot.scenario.Fixtures.message;
import static dev.omnibridge.bot.scenario.Fixtures.newDialog;
import static dev.omnibridge.bot.scenario.Fixtures.ongoingDialog;
import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibridge.bot.BotTurn;
import dev.omnibridge.bot.Button;
import dev.omnibridge.bot.Handoff;
import dev.omnibridge.bot.TurnMessages;
import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.dialog.Visitor;
import dev.omnibridge.omnidesk.KbArticle;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shipped scenario loads and answers the obvious questions sensibly. */
class DefaultScenarioTest {

    private final ScenarioBotTest.FakeKnowledgeBase kb = new ScenarioBotTest.FakeKnowledgeBase();
    private ScenarioBot bot;

    @BeforeEach
    void setUp() {
        bot = new ScenarioBot(); // the default location is the bundled scenario
        bot.setKnowledgeBase(kb);
        bot.init();
    }

    private BotTurn ask(String text) {
        return bot.respond(ongoingDialog(), message(text));
    }

    @Test
    void greetsByName() {
        BotTurn turn = bot.respond(newDialog(), message("Добрый день", Visitor.UNKNOWN));
        assertThat(turn.replies()).hasSize(1);
        assertThat(turn.replies().get(0)).startsWith("Здравствуйте, гость!");
        assertThat(bot.respond(newDialog(), message("Добрый день")).replies().get(0)).startsWith("Здравствуйте, Анна!");
    }

    @Test
    void answersDelivery() {
        BotTurn turn = ask("Где моя доставка?");
        assertThat(turn.hasHandoff()).isFalse();
        assertThat(turn.replies()).singleElement().asString().contains("Доставляем");
        // the customer's language: English gets the English text
        assertThat(ask("How long does shipping take?").replies().get(0)).contains("We deliver");
    }

    @Test
    void theMenuOffersButtonsAndANumberAnswersAsTheChosenIntent() {
        DialogState dialog = ongoingDialog();
        BotTurn menu = bot.respond(dialog, message("Что вы умеете?"));
        assertThat(menu.buttons()).extracting(Button::text)
                .containsExactly("Где мой заказ", "Доставка", "Оплата", "Возврат", "Позвать оператора");
        // an Omnidesk case shows them as numbered lines under the reply
        assertThat(new TurnMessages().of(menu)).singleElement().asString()
                .startsWith("Я могу рассказать").contains("\n1. Где мой заказ\n2. Доставка\n3. Оплата");

        BotTurn payment = bot.respond(dialog, message("3"));
        assertThat(payment.replies()).singleElement().asString().contains("Оплатить можно картой");
        assertThat(payment.buttons()).isEmpty();
        // the menu holds for one message: "3" again is just a text now
        assertThat(bot.respond(dialog, message("3")).replies()).noneMatch(r -> r.contains("Оплатить"));

        bot.respond(dialog, message("menu"));
        assertThat(bot.respond(dialog, message("Talk to a person")).hasHandoff()).isTrue();
    }

    @Test
    void aMenuIsForgottenWhenAnOperatorTakesTheCaseAndGivesItBack() {
        DialogState dialog = ongoingDialog();
        assertThat(bot.respond(dialog, message("меню")).buttons()).isNotEmpty();

        dialog.takenOver(1, true);
        dialog.returnToBot(2);

        // "3" now answers whatever the operator asked; it is no longer the menu's "Оплата"
        assertThat(bot.respond(dialog, message("3")).replies()).noneMatch(r -> r.contains("Оплатить"));
    }

    @Test
    void handsOffOnRequest() {
        BotTurn turn = ask("позовите оператора");
        assertThat(turn.handoff().reason()).isEqualTo(Handoff.REQUESTED);
        assertThat(turn.handoff().detail()).contains("'operator'");
        assertThat(turn.replies()).singleElement().asString().contains("оператору");
        assertThat(ask("Оператор, где мой заказ?").hasHandoff()).isTrue();
        assertThat(ask("I want to talk to a human").hasHandoff()).isTrue();
        assertThat(ask("хочу поговорить с живым").hasHandoff()).isTrue();
    }

    @Test
    void otherIntents() {
        assertThat(ask("Где мой заказ №123456?").replies()).hasSize(2).first().asString().contains("Статус заказа");
        assertThat(ask("order #98765").replies().get(0)).contains("Your order's status");
        assertThat(ask("Хочу вернуть товар").replies().get(0)).contains("Вернуть или обменять");
        assertThat(ask("Можно оплатить картой?").replies().get(0)).contains("Оплатить можно");
        assertThat(ask("Спасибо!").replies().get(0)).startsWith("Пожалуйста");
        assertThat(ask("До свидания").replies().get(0)).startsWith("Всего доброго");
        assertThat(ask("Спасибо, а где мой заказ?").replies().get(0)).contains("Статус заказа");
    }

    @Test
    void warrantyIsLeftToTheKnowledgeBase() {
        kb.articles = List.of(new KbArticle(
                5, "Гарантия", "Гарантия 12 месяцев.", "https://shop.omnidesk.ru/knowledge_base/item/5"));
        BotTurn turn = ask("Какая гарантия на пылесос?");
        assertThat(turn.replies()).containsExactly("""
                Вот что я нашёл в базе знаний:

                Гарантия
                Гарантия 12 месяцев.
                https://shop.omnidesk.ru/knowledge_base/item/5""");
        assertThat(kb.limits).containsExactly(KbFallback.CANDIDATES);
    }

    @Test
    void answersInTheCustomersLanguageAndKeepsItForMessagesWithoutLetters() {
        DialogState dialog = ongoingDialog();
        assertThat(bot.respond(dialog, message("Thanks a lot")).replies().get(0)).startsWith("You are welcome");
        assertThat(bot.respond(dialog, message("12345")).replies().get(0)).startsWith("Sorry, I did not understand");
        assertThat(bot.respond(dialog, message("Спасибо")).replies().get(0)).startsWith("Пожалуйста");
        assertThat(bot.respond(newDialog(), message("Hello")).replies().get(0))
                .startsWith("Hello, Анна! I am the shop's assistant bot.");
    }

    @Test
    void handsOffAfterTwoMisunderstood() {
        DialogState dialog = ongoingDialog();
        assertThat(bot.respond(dialog, message("фывапролдж")).replies().get(0)).startsWith("Извините, я не понял");
        BotTurn second = bot.respond(dialog, message("йцукен"));
        assertThat(second.handoff().reason()).isEqualTo(Handoff.NOT_UNDERSTOOD);
    }

    @Test
    void noFalsePositivesOnCommonWords() {
        assertThat(ask("пока не пришло платье").replies().get(0)).startsWith("Извините"); // not bye, not payment
    }
}
