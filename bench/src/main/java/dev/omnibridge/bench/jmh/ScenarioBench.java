package dev.omnibridge.bench.jmh;

import dev.omnibridge.bot.BotTurn;
import dev.omnibridge.bot.scenario.ScenarioBot;
import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.dialog.Owner;
import dev.omnibridge.dialog.Visitor;
import dev.omnibridge.dialog.WebhookEvent;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** One bot turn of the default scenario (no knowledge base): normalisation, intent matching, templates. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ScenarioBench {

    private ScenarioBot bot;
    private WebhookEvent delivery;
    private WebhookEvent order;
    private WebhookEvent nothing;

    @Setup
    public void setup() {
        bot = new ScenarioBot();
        bot.init();
        Visitor visitor = new Visitor("1", "Иван", "", "");
        delivery = new WebhookEvent(1, "new_message", "visitor", "доставка", visitor, 1);
        order = new WebhookEvent(1, "new_message", "visitor", "Здравствуйте! Где мой ЗАКАЗ №123456?!", visitor, 1);
        nothing = new WebhookEvent(1, "new_message", "visitor",
                "У меня вопрос про гарантию на чайник, который я купил в прошлом месяце, он перестал включаться",
                visitor, 1);
    }

    @Benchmark
    public BotTurn firstMessageDelivery() {
        return bot.respond(new DialogState(1, Owner.BOT, 0), delivery);
    }

    @Benchmark
    public BotTurn orderNumberPattern() {
        return bot.respond(new DialogState(1, Owner.BOT, 0), order);
    }

    @Benchmark
    public BotTurn noIntentLongText() {
        return bot.respond(new DialogState(1, Owner.BOT, 0), nothing);
    }
}
