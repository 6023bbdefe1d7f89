package dev.omnibridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.omnibridge.sandbox.support.Json;
import java.time.Instant;
import java.util.List;

/**
 * The sandbox account's knowledge base: a small shop's FAQ in Russian and English, with the awkward cases a
 * client must handle: HTML bodies with entities, an inactive article that still matches, and a multilingual
 * article whose title and content are objects keyed by language id (1 = Russian, 2 = English).
 */
final class KbFixture {

    static final long DELIVERY_SECTION = 11;
    static final long GENERAL_SECTION = 12;

    private static final Instant CREATED = Instant.parse("2024-03-01T09:00:00Z");
    private static final Instant UPDATED = Instant.parse("2025-01-15T12:30:00Z");

    private KbFixture() {
    }

    static List<KbEntry> articles() {
        return List.of(
                article(101, DELIVERY_SECTION, "Сроки доставки / Delivery times",
                        "<p><b>Доставка</b> по Москве занимает 1&nbsp;&ndash;&nbsp;2&nbsp;дня, по России &mdash; "
                                + "от 3 до 7 дней.</p>"
                                + "<p><b>Delivery</b> within Moscow takes 1&ndash;2 days, elsewhere in Russia "
                                + "3&ndash;7 days. Track your parcel on the "
                                + "<a href=\"https://example.com/track\">tracking page</a>.</p>",
                        "доставка, delivery, сроки, курьер", true),
                article(102, GENERAL_SECTION, "Возврат товара / Returns",
                        "<p>Вернуть товар можно в течение <b>14&nbsp;дней</b> после получения. "
                                + "Заполните <a href=\"https://example.com/returns\">заявление на возврат</a>.</p>"
                                + "<p>Returns are accepted within <b>14&nbsp;days</b> of receipt; "
                                + "the refund arrives within 10 working days.</p>",
                        "возврат, returns, refund, деньги", true),
                article(103, DELIVERY_SECTION, "Способы оплаты / Payment",
                        "<p><b>Оплата</b> картой на сайте, через СБП или наличными курьеру.</p>"
                                + "<p><b>Payment</b> by card, by SBP transfer or in cash to the courier.</p>",
                        "оплата, payment, карта, card", true),
                article(104, GENERAL_SECTION, "Режим работы / Opening hours",
                        "<p>Служба поддержки работает по будням с&nbsp;9:00 до&nbsp;18:00 по Москве.</p>"
                                + "<p>Our <b>opening hours</b>: Monday to Friday, 9:00&nbsp;&ndash;&nbsp;18:00 "
                                + "Moscow time.</p>",
                        "часы, режим, opening hours, schedule", true),
                article(107, GENERAL_SECTION, "Гарантия / Warranty",
                        "<p><b>Гарантия</b> на всю технику &mdash; 12&nbsp;месяцев с&nbsp;даты покупки. "
                                + "Для ремонта сохраните чек и&nbsp;<i>гарантийный талон</i>.</p>"
                                + "<p>All appliances carry a 12-month <b>warranty</b>.</p>",
                        "гарантия, warranty, ремонт, repair", true),
                article(105, DELIVERY_SECTION, "Доставка (архив)",
                        "<p>Устаревшие условия: доставка занимает до 10&nbsp;дней.</p>",
                        "доставка, архив", false),
                multilingual(106, GENERAL_SECTION,
                        "Как связаться с оператором", "How to reach an operator",
                        "<p>Напишите в чат слово <b>«оператор»</b>, и&nbsp;мы подключим специалиста.</p>",
                        "<p>Type <b>operator</b> in the chat and a person will take over.</p>",
                        "оператор, operator, контакты, contacts"));
    }

    private static KbEntry article(long id, long section, String title, String html, String tags, boolean active) {
        return new KbEntry(id, section, TextNode.valueOf(title), TextNode.valueOf(html), tags, active, CREATED, UPDATED);
    }

    private static KbEntry multilingual(long id, long section, String titleRu, String titleEn, String htmlRu,
                                        String htmlEn, String tags) {
        JsonNode title = Json.object().put("1", titleRu).put("2", titleEn);
        JsonNode content = Json.object().put("1", htmlRu).put("2", htmlEn);
        return new KbEntry(id, section, title, content, tags, true, CREATED, UPDATED);
    }
}
