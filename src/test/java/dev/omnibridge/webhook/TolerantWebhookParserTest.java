package dev.omnibridge.webhook;

import static dev.omnibridge.webhook.SeedTemplates.NEW_CASE;
import static dev.omnibridge.webhook.SeedTemplates.UPDATED_CASE;
import static dev.omnibridge.webhook.SeedTemplates.fill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omnibridge.dialog.Visitor;
import dev.omnibridge.dialog.WebhookEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TolerantWebhookParserTest {

    private static final long NOW = 1_700_000_000_000L;

    private final TolerantWebhookParser parser = new TolerantWebhookParser();

    private WebhookEvent parse(String body) {
        return parser.parse(body, null, NOW);
    }

    private WebhookEvent parse(String body, String query) {
        return parser.parse(body, query, NOW);
    }

    private static void assertRejected(ThrowingCallable call, String reason) {
        assertThatThrownBy(call)
                .isExactlyInstanceOf(BadWebhookException.class)
                .satisfies(e -> assertThat(((BadWebhookException) e).reason()).isEqualTo(reason));
    }

    // ---------------------------------------------------------------------------------------------
    @Nested
    class SeedTemplatesFilledRaw {

        static Stream<Arguments> texts() {
            List<String> texts = List.of(
                    "Здравствуйте, не проходит оплата картой",
                    "He said \"hi\"",
                    "He said \"hi\", ok",
                    "\"quoted from start to end\"",
                    "C:\\new\\table",
                    "ends with a backslash \\",
                    "\\",
                    "\\\"looks escaped\\\" but is literal",
                    "\\u0041 is not an escape here",
                    "line one\nline two",
                    "windows\r\nline\r\n",
                    "tab\there",
                    "control \u0001\u0007\u001b\u001f and nul \u0000",
                    "Привет 👋 \"ёлка\"",
                    "{\"a\": 1}",
                    "[1, 2, \"three\"]",
                    "\", \"chat_id\": 5",
                    "x\"} y",
                    "she wrote: \"no\"}, really",
                    "  leading and trailing spaces  ",
                    "",
                    "<p>Hello &amp; \"world\"</p>",
                    "https://acme.omnidesk.ru/attachment/download/chat/123?a=1&b=\"2\"",
                    "emoji 👨‍👩‍👧 and surrogate pair 𝄞",
                    "lone surrogates \uD83D and \uDC4B stay",
                    "[user_id] is not substituted twice");
            List<Arguments> args = new ArrayList<>();
            for (String template : SeedTemplates.ALL) {
                for (String text : texts) {
                    args.add(Arguments.of(template == NEW_CASE ? "new-case" : "updated-case", template, text));
                }
            }
            return args.stream();
        }

        @ParameterizedTest(name = "{0}: {2}")
        @MethodSource("texts")
        void customerTextComesThroughExactly(String rule, String template, String text) {
            WebhookEvent event = parse(fill(template, text, "4217"));

            assertThat(event.text()).isEqualTo(text);
            assertThat(event.caseId()).isEqualTo(4217);
            assertThat(event.event()).isEqualTo("new_message");
            assertThat(event.kind()).isEqualTo("visitor");
            assertThat(event.visitor()).isEqualTo(new Visitor("8812", "Анна Петрова", "anna@example.com", "+7 900 123-45-67"));
            assertThat(event.receivedAt()).isEqualTo(NOW);
            assertThat(event.isVisitorMessage()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "\", \"kind\": \"bot",                 // would duplicate message.kind
                "\", \"chat_id\": 5, \"x\": \"",        // valid JSON, but chat_id has no business in message
                "\", \"event\": \"ping",
                "ok\"}, \"visitor\": {\"id\": \"evil"})
        void textMimickingTemplateKeysStaysText(String text) {
            for (String template : SeedTemplates.ALL) {
                WebhookEvent event = parse(fill(template, text, "9"));

                assertThat(event.text()).isEqualTo(text);
                assertThat(event.kind()).isEqualTo("visitor");
                assertThat(event.visitor().id()).isEqualTo("8812");
                assertThat(event.caseId()).isEqualTo(9);
            }
        }

        @Test
        void unknownKeyInTextIsReadAsAnEngineersExtraField() {
            // Genuinely ambiguous: `a", "b": "c` could be text or an extra field "b" an engineer added after
            // "text". Extra fields are allowed, so the earliest reading wins and the text is cut at "a".
            WebhookEvent event = parse(fill(NEW_CASE, "a\", \"b\": \"c", "9"));

            assertThat(event.text()).isEqualTo("a");
            assertThat(event.caseId()).isEqualTo(9);
        }

        @Test
        void engineersExtraFieldAfterTextIsNotSwallowed() {
            String template = NEW_CASE.replace("\"[case_description]\"", "\"[case_description]\", \"lang\": \"ru\"");

            assertThat(parse(fill(template, "line\n\"two\"", "9")).text()).isEqualTo("line\n\"two\"");
            assertThat(parse(fill(template, "C:\\x", "9")).text()).isEqualTo("C:\\x");
            // the customer typing the extra field's own key is still text: a second "lang" would be a duplicate
            assertThat(parse(fill(template, "a\", \"lang\": \"x", "9")).text()).isEqualTo("a\", \"lang\": \"x");
        }

        @ParameterizedTest
        @ValueSource(strings = {"O\"Brien", "Anna \"Ann\" Smith", "\"Nick\", Jr", "back\\slash"})
        void visitorNameWithQuotesSurvives(String name) {
            WebhookEvent event = parse(fill(NEW_CASE, "He said \"hi\"", name, "7"));

            assertThat(event.visitor().name()).isEqualTo(name);
            assertThat(event.text()).isEqualTo("He said \"hi\"");
            assertThat(event.visitor().phone()).isEqualTo("+7 900 123-45-67");
        }

        @Test
        void templateMissingItsLastBraceStillParses() {
            String body = fill(SeedTemplates.UPDATED_CASE_NO_LAST_BRACE, "Спасибо \"большое\"", "55");

            WebhookEvent event = parse(body);

            assertThat(event.text()).isEqualTo("Спасибо \"большое\"");
            assertThat(event.caseId()).isEqualTo(55);
        }

        @Test
        void utf8BomIsStripped() {
            assertThat(parse("\uFEFF" + fill(NEW_CASE, "hi", "3")).caseId()).isEqualTo(3);
            assertThat(parse("\uFEFF" + fill(NEW_CASE, "a \"b\"", "3")).text()).isEqualTo("a \"b\"");
            assertThat(parse("\u00EF\u00BB\u00BF" + fill(NEW_CASE, "hi", "3")).text()).isEqualTo("hi");
        }
    }

    // ---------------------------------------------------------------------------------------------
    @Nested
    class ChatIds {

        @Test
        void unquotedAndQuotedNumbers() {
            assertThat(parse(fill(NEW_CASE, "hi", "123")).caseId()).isEqualTo(123);
            String quoted = NEW_CASE.replace("[case_id]", "\"[case_id]\"");
            assertThat(parse(fill(quoted, "hi", "123")).caseId()).isEqualTo(123);
            assertThat(parse(fill(quoted, "hi", " 123 ")).caseId()).isEqualTo(123);
            assertThat(parse("{\"chat_id\": \"9223372036854775807\"}").caseId()).isEqualTo(Long.MAX_VALUE);
            assertThat(parse("{\"chat_id\": 9223372036854775807}").caseId()).isEqualTo(Long.MAX_VALUE);
        }

        @Test
        void emptyPlaceholderFallsBackToQuery() {
            String body = fill(UPDATED_CASE, "He said \"hi\"", "");
            assertThat(body).contains("\"chat_id\": \n}");

            WebhookEvent event = parse(body, "77");

            assertThat(event.caseId()).isEqualTo(77);
            assertThat(event.text()).isEqualTo("He said \"hi\"");
            assertRejected(() -> parse(body), TolerantWebhookParser.MISSING_CHAT_ID);
        }

        @Test
        void emptyPlaceholderAtVeryEndOfBody() {
            String body = fill(SeedTemplates.UPDATED_CASE_NO_LAST_BRACE, "hi", "").stripTrailing();
            assertThat(body).endsWith("\"chat_id\":");

            assertThat(parse(body, " 8 ").caseId()).isEqualTo(8);
        }

        @Test
        void emptyQuotedPlaceholderFallsBackToQuery() {
            String quoted = NEW_CASE.replace("[case_id]", "\"[case_id]\"");
            assertThat(parse(fill(quoted, "hi", ""), "12").caseId()).isEqualTo(12);
            assertThat(parse(fill(quoted, "hi", "  "), "12").caseId()).isEqualTo(12);
        }

        @Test
        void bodyWinsOverQuery() {
            assertThat(parse(fill(NEW_CASE, "hi", "5"), "6").caseId()).isEqualTo(5);
        }

        @Test
        void invalidBodyValueFallsBackToValidQuery() {
            assertThat(parse("{\"chat_id\":\"abc\"}", "15").caseId()).isEqualTo(15);
            assertThat(parse("{\"chat_id\": -5}", "15").caseId()).isEqualTo(15);
        }

        @Test
        void missing() {
            assertRejected(() -> parse("{}"), TolerantWebhookParser.MISSING_CHAT_ID);
            assertRejected(() -> parse("{\"chat_id\": null}", "  "), TolerantWebhookParser.MISSING_CHAT_ID);
            assertRejected(() -> parse("{\"chat_id\": \"\"}"), TolerantWebhookParser.MISSING_CHAT_ID);
        }

        @Test
        void emptyObjectWithQueryIsAnEventThatTheBridgeIgnores() {
            WebhookEvent event = parse("{}", "9");

            assertThat(event.caseId()).isEqualTo(9);
            assertThat(event.event()).isEmpty();
            assertThat(event.isVisitorMessage()).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "{\"chat_id\":\"abc\"}", "{\"chat_id\": -5}", "{\"chat_id\": \"-5\"}", "{\"chat_id\": 0}",
                "{\"chat_id\": \"000\"}", "{\"chat_id\": 99999999999999999999}", "{\"chat_id\": \"99999999999999999999\"}",
                "{\"chat_id\": 9223372036854775808}", "{\"chat_id\": 12.5}", "{\"chat_id\": 1e3}", "{\"chat_id\": true}",
                "{\"chat_id\": {}}", "{\"chat_id\": [1]}", "{\"chat_id\": \"12 34\"}", "{\"chat_id\": \"+5\"}",
                "{\"chat_id\": abc}"})
        void invalid(String body) {
            assertRejected(() -> parse(body), TolerantWebhookParser.INVALID_CHAT_ID);
        }

        @Test
        void leadingZerosAreNotJsonButStillANumber() {
            // The repair keeps the bare token 007 as the string "007", which reads as 7.
            assertThat(parse("{\"chat_id\": 007}").caseId()).isEqualTo(7);
        }

        @Test
        void invalidQueryWithoutBodyValue() {
            assertRejected(() -> parse("{\"event\":\"new_message\"}", "abc"), TolerantWebhookParser.INVALID_CHAT_ID);
            assertRejected(() -> parse("{\"event\":\"new_message\"}", "0"), TolerantWebhookParser.INVALID_CHAT_ID);
        }
    }

    // ---------------------------------------------------------------------------------------------
    @Nested
    class Errors {

        @Test
        void emptyBodies() {
            assertRejected(() -> parse(null), TolerantWebhookParser.EMPTY_BODY);
            assertRejected(() -> parse(""), TolerantWebhookParser.EMPTY_BODY);
            assertRejected(() -> parse("  \r\n\t "), TolerantWebhookParser.EMPTY_BODY);
            assertRejected(() -> parse("\uFEFF"), TolerantWebhookParser.EMPTY_BODY);
            assertRejected(() -> parse(null, "5"), TolerantWebhookParser.EMPTY_BODY);
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "\"x\"", "123", "null", "true", "[{\"chat_id\": 5}]", " [1, 2", "[\"a\\q\"]"})
        void notAnObject(String body) {
            assertRejected(() -> parse(body, "5"), TolerantWebhookParser.NOT_AN_OBJECT);
        }

        @Test
        void deepArrayNesting() {
            String body = "[".repeat(100_000);
            assertRejected(() -> parse(body), TolerantWebhookParser.NOT_AN_OBJECT);
            assertRejected(() -> parse(body + "]".repeat(100_000), "5"), TolerantWebhookParser.NOT_AN_OBJECT);
        }

        @Test
        void deepObjectNesting() {
            assertRejected(() -> parse("{".repeat(100_000)), TolerantWebhookParser.UNPARSEABLE);
            assertRejected(() -> parse("{\"a\":".repeat(100_000)), TolerantWebhookParser.UNPARSEABLE);
            String nestedInTemplate = fill(NEW_CASE, "hi", "5").replace("\"chat_id\"", "\"x\": " + "[".repeat(100_000) + ", \"chat_id\"");
            assertRejected(() -> parse(nestedInTemplate), TolerantWebhookParser.UNPARSEABLE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"hello", "\"x", "<html>502 Bad Gateway</html>", "chat_id=5&text=hi", "\u0000\u0001",
                "}{ not json at all", "{\"text\": \"hi", "{oops: 1"})
        void garbageWithoutQueryIsUnparseable(String body) {
            assertRejected(() -> parse(body), TolerantWebhookParser.UNPARSEABLE);
        }

        @Test
        void messagesNeverEchoTheBody() {
            String secret = "card 4111 1111 1111 1111";
            List<String> bodies = List.of(secret, "[\"" + secret + "\"]", "{\"text\": \"" + secret + "\"}",
                    "{\"chat_id\": \"" + secret + "\"}");
            for (String body : bodies) {
                assertThatThrownBy(() -> parse(body))
                        .isInstanceOf(BadWebhookException.class)
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("4111").isNotBlank());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    @Nested
    class BeyondRepair {

        @Test
        void textIsExtractedWhenQueryNamesTheCase() {
            // The admin lost the braces: there is no object to repair, but the text is still recognisable.
            String body = "\"event\": \"new_message\", \"message\": \"\", \"kind\": \"visitor\","
                    + " \"text\": \"Hi \"there\", ok\", \"name\": \"Ann\", \"chat_id\": 3";

            WebhookEvent event = parse(body, "31");

            assertThat(event.caseId()).isEqualTo(31);
            assertThat(event.text()).isEqualTo("Hi \"there\", ok");
            assertThat(event.event()).isEqualTo("new_message");
            assertThat(event.kind()).isEqualTo("visitor");
            assertThat(event.visitor().name()).isEqualTo("Ann");
        }

        @Test
        void absurdNestingStillYieldsTheText() {
            String body = fill(NEW_CASE, "C:\\new \"x\"", "5")
                    .replace("\"visitor\": {", "\"junk\": " + "{\"a\":".repeat(1000) + "\"visitor\": {");

            WebhookEvent event = parse(body, "5");

            assertThat(event.text()).isEqualTo("C:\\new \"x\"");
            assertThat(event.caseId()).isEqualTo(5);
        }

        @Test
        void nothingRecognisableGivesAnIgnorableEvent() {
            WebhookEvent event = parse("<html>502 Bad Gateway</html>", "40");

            assertThat(event.caseId()).isEqualTo(40);
            assertThat(event.kind()).isEqualTo(TolerantWebhookParser.UNPARSEABLE_KIND);
            assertThat(event.text()).isEmpty();
            assertThat(event.isVisitorMessage()).isFalse();
        }
    }

    // ---------------------------------------------------------------------------------------------
    @Nested
    class StrictPath {

        private final ObjectMapper mapper = new ObjectMapper();

        private String properJson(String text, Object chatId) throws Exception {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("email", "a@b.c");
            fields.put("id", "42");
            fields.put("name", "Ann");
            fields.put("phone", "+1");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("event", "new_message");
            body.put("message", Map.of("kind", "visitor", "text", text));
            body.put("visitor", Map.of("id", "42", "fields", fields));
            body.put("chat_id", chatId);
            return mapper.writeValueAsString(body);
        }

        @ParameterizedTest
        @ValueSource(strings = {"plain", "Привет 👋", "  spaced  ", "", "{\"a\": 1}", "He said \"hi\"", "tab\tnew\nline"})
        void properlyEscapedJsonParsesIdenticallyInJsonMode(String text) throws Exception {
            parser.setPlaceholderEscaping("json");

            WebhookEvent event = parse(properJson(text, 10));

            assertThat(event.text()).isEqualTo(text);
            assertThat(event.caseId()).isEqualTo(10);
            assertThat(event.visitor()).isEqualTo(new Visitor("42", "Ann", "a@b.c", "+1"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"plain", "Привет 👋", "  spaced  ", "", "{}", "a/b"})
        void escapeFreeJsonParsesIdenticallyInRawMode(String text) throws Exception {
            String body = properJson(text, "10");
            assertThat(body).doesNotContain("\\");

            assertThat(parse(body).text()).isEqualTo(text);
        }

        @Test
        void rawModeTakesBackslashesLiterallyEvenInValidJson() {
            // Raw mode assumes Omnidesk never escapes, so "\n" in the body is what the customer typed.
            String body = "{\"message\": {\"kind\":\"visitor\",\"text\":\"C:\\new \\\"x\\\"\"}, \"chat_id\": 1}";

            assertThat(parse(body).text()).isEqualTo("C:\\new \\\"x\\\"");
            parser.setPlaceholderEscaping("json");
            assertThat(parse(body).text()).isEqualTo("C:\new \"x\"");
        }

        @Test
        void jsonModeStillAcceptsRawControlCharactersAndBrokenStructure() {
            parser.setPlaceholderEscaping("json");
            String body = fill(NEW_CASE, "line\none\ttab \\\"q\\\"", "");

            WebhookEvent event = parse(body, "4");

            assertThat(event.text()).isEqualTo("line\none\ttab \"q\"");
            assertThat(event.caseId()).isEqualTo(4);
        }

        @Test
        void jsonModeKeepsInvalidEscapesAsText() {
            parser.setPlaceholderEscaping("json");

            assertThat(parse("{\"message\":{\"text\":\"a\\qb \\u12\"},\"chat_id\":1,}").text()).isEqualTo("a\\qb \\u12");
        }

        @Test
        void modeSetting() {
            assertThat(parser.getPlaceholderEscaping()).isEqualTo("raw");
            parser.setPlaceholderEscaping(" JSON ");
            assertThat(parser.getPlaceholderEscaping()).isEqualTo("json");
            parser.setPlaceholderEscaping("raw");
            assertThat(parser.getPlaceholderEscaping()).isEqualTo("raw");
            assertThatThrownBy(() -> parser.setPlaceholderEscaping("xml")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    // ---------------------------------------------------------------------------------------------
    @Nested
    class Mapping {

        @Test
        void keyOrderWhitespaceAndExtraFieldsDoNotMatter() {
            String body = "{\"chat_id\":\"31\",\"source\":\"omnidesk\",\"tags\":[\"a\",\"b\"],\"visitor\":{\"fields\":"
                    + "{\"phone\":\"1\",\"name\":\"N \"q\"\",\"extra\":{\"x\":1},\"email\":\"e\",\"id\":\"v\"},\"id\":\"v\"},"
                    + "\"message\":{\"text\":\"t \"q\", r\",\"kind\":\"visitor\",\"lang\":\"ru\"},\"event\":\"new_message\"}";

            WebhookEvent event = parse(body);

            assertThat(event).isEqualTo(new WebhookEvent(31, "new_message", "visitor", "t \"q\", r",
                    new Visitor("v", "N \"q\"", "e", "1"), NOW));
        }

        @Test
        void crlfAndTabIndentedTemplate() {
            String template = NEW_CASE.replace("\n", "\r\n").replace("    ", "\t");

            WebhookEvent event = parse(fill(template, "a\r\n\"b\"\t", "8"));

            assertThat(event.text()).isEqualTo("a\r\n\"b\"\t");
            assertThat(event.visitor().email()).isEqualTo("anna@example.com");
        }

        @Test
        void numbersBecomeTextAndContainersBecomeEmpty() {
            String body = "{\"event\":\"new_message\",\"message\":{\"kind\":\"visitor\",\"text\":12.50},"
                    + "\"visitor\":{\"id\":77,\"fields\":{\"phone\":79001234567,\"name\":{\"first\":\"A\"},"
                    + "\"email\":null,\"id\":[1]}},\"chat_id\":5}";

            WebhookEvent event = parse(body);

            assertThat(event.text()).isEqualTo("12.50");
            assertThat(event.visitor()).isEqualTo(new Visitor("77", "", "", "79001234567"));
        }

        @Test
        void hugeExponentsStayShort() {
            String body = "{\"message\":{\"text\":1e999999999},\"visitor\":{\"fields\":{\"phone\":-1.5E-999999999}},"
                    + "\"chat_id\":1e3000}";

            assertRejected(() -> parse(body), TolerantWebhookParser.INVALID_CHAT_ID);
            WebhookEvent event = parse(body, "2");
            assertThat(event.text()).isEqualTo("1E+999999999");
            assertThat(event.visitor().phone()).isEqualTo("-1.5E-999999999");
        }

        @Test
        void visitorIdPrefersFieldsIdThenFallsBackToVisitorId() {
            assertThat(parse("{\"visitor\":{\"id\":\"a\",\"fields\":{\"id\":\"b\"}},\"chat_id\":1}").visitor().id())
                    .isEqualTo("b");
            assertThat(parse("{\"visitor\":{\"id\":\"a\",\"fields\":{}},\"chat_id\":1}").visitor().id()).isEqualTo("a");
            assertThat(parse("{\"visitor\":{\"id\":\"a\",\"fields\":{\"id\":\"\"}},\"chat_id\":1}").visitor().id())
                    .isEqualTo("a");
        }

        @Test
        void missingEventIsNewMessageOnlyWhenThereIsText() {
            assertThat(parse("{\"message\":{\"text\":\"\"},\"chat_id\":1}").event()).isEqualTo("new_message");
            assertThat(parse("{\"message\":{\"kind\":\"visitor\"},\"chat_id\":1}").event()).isEmpty();
            assertThat(parse("{\"event\":\"case_updated\",\"message\":{\"text\":\"x\"},\"chat_id\":1}").event())
                    .isEqualTo("case_updated");
        }

        @Test
        void missingPiecesAreEmptyStrings() {
            WebhookEvent event = parse("{\"chat_id\":1,\"message\":\"not an object\",\"visitor\":[]}");

            assertThat(event).isEqualTo(new WebhookEvent(1, "", "", "", Visitor.UNKNOWN, NOW));
        }

        @Test
        void threadSafeUnderConcurrentUse() throws Exception {
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 8; t++) {
                int id = t + 1;
                threads.add(new Thread(() -> {
                    try {
                        for (int i = 0; i < 200; i++) {
                            String text = "t" + id + " \"" + i + "\"\n";
                            WebhookEvent e = parse(fill(NEW_CASE, text, String.valueOf(id)));
                            assertThat(e.text()).isEqualTo(text);
                            assertThat(e.caseId()).isEqualTo(id);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            assertThat(failures).isEmpty();
        }
    }

    // ---------------------------------------------------------------------------------------------
    @Nested
    class Cost {

        @Test
        void adversarialBodiesStayFast() {
            List<String> texts = List.of(
                    "\", \"text\": \"".repeat(20_000),
                    "\"}".repeat(50_000),
                    "\"       ,".repeat(30_000),
                    "\" ".repeat(100_000),
                    "{\"a\": [\"".repeat(20_000));
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                for (String text : texts) {
                    WebhookEvent event = parse(fill(NEW_CASE, text, "1"));
                    assertThat(event.caseId()).isEqualTo(1);
                }
            });
        }
    }
}
