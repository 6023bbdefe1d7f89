package dev.omnibridge.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.omnibridge.sandbox.RecordedCall;
import dev.omnibridge.sandbox.SandboxExtension;
import dev.omnibridge.setup.OmnideskDirectory.Entry;
import dev.omnibridge.setup.OmnideskDirectory.Kind;
import dev.omnibridge.setup.OmnideskDirectory.Lookup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Name → id lookups over Omnidesk's paged keyed-object lists. */
class OmnideskDirectoryTest {

    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.withDefaults().perTest();

    private HttpServer stub;

    @AfterEach
    void stop() {
        if (stub != null) {
            stub.stop(0);
        }
    }

    private OmnideskDirectory directory(int pageSize) {
        return new OmnideskDirectory(OmnideskConnection.from(SettingValues.of(SandboxAccount.settings(sandbox.get()))),
                pageSize);
    }

    @Test
    void pagesThroughTheWholeListAndFindsNamesOnTheLastPage() throws Exception {
        for (int i = 1; i <= 7; i++) {
            SandboxAccount.createLabel(sandbox.get(), "Topic " + i);
        }
        OmnideskDirectory directory = directory(2);

        Lookup lookup = directory.byName(Kind.LABEL, "topic 7");

        assertThat(lookup).isInstanceOf(Lookup.Found.class);
        assertThat(((Lookup.Found) lookup).entry().title()).isEqualTo("Topic 7");
        assertThat(directory.list(Kind.LABEL)).extracting(Entry::title)
                .containsExactly("bot", "operator", "Topic 1", "Topic 2", "Topic 3", "Topic 4", "Topic 5", "Topic 6",
                        "Topic 7");
        // 9 labels, 2 per page: pages 1 to 5, each read once, no extra call past the total.
        assertThat(labelReads()).containsExactly("page=1&limit=2", "page=2&limit=2", "page=3&limit=2",
                "page=4&limit=2", "page=5&limit=2");
    }

    @Test
    void readsEachListOnceAndAnswersLaterLookupsFromMemory() throws Exception {
        OmnideskDirectory directory = directory(100);

        directory.byName(Kind.LABEL, "bot");
        directory.byName(Kind.LABEL, "operator");
        directory.byId(Kind.LABEL, 200);

        assertThat(labelReads()).containsExactly("page=1&limit=100");
        assertThat(directory.rateLimit()).contains(new RateLimit(1000, 999));
    }

    @Test
    void matchesNamesIgnoringCaseAndSpacesAndStaffByEmailOrFullName() throws Exception {
        OmnideskDirectory directory = directory(100);

        assertThat(found(directory.byName(Kind.LABEL, "  OPERATOR "))).isEqualTo(201);
        assertThat(found(directory.byName(Kind.GROUP, "support"))).isEqualTo(10);
        assertThat(found(directory.byName(Kind.STAFF, "ANNA@sandbox.omnidesk.local"))).isEqualTo(1002);
        assertThat(found(directory.byName(Kind.STAFF, "anna  operator"))).isEqualTo(1002);
        assertThat(directory.byName(Kind.GROUP, "Sales")).isInstanceOf(Lookup.Missing.class);
    }

    @Test
    void readsTheCustomChannelsOnceWithTheirKeysAndUrls() throws Exception {
        sandbox.get().setChannelWebhookUrl("https://bot.example.com/webhooks/omnidesk-channel/s3cret");
        OmnideskDirectory directory = directory(100);

        assertThat(directory.customChannels()).containsExactly(new OmnideskDirectory.CustomChannel(1, "cch1",
                "Telegram bot", "async", "https://bot.example.com/webhooks/omnidesk-channel/s3cret", true));
        assertThat(directory.customChannel(" cch1 ")).isPresent();
        assertThat(directory.customChannel("CCH1")).isEmpty();
        assertThat(sandbox.get().apiCalls()).extracting(RecordedCall::path).containsOnlyOnce("/api/custom_channels.json");
    }

    @Test
    void wrongCredentialsAreACredentialsProblemWithoutTheKeyInTheMessage() {
        Map<String, String> settings = SandboxAccount.settings(sandbox.get());
        settings.put("omnidesk.api-key", "not-the-key-123");
        OmnideskDirectory directory = new OmnideskDirectory(OmnideskConnection.from(SettingValues.of(settings)));

        assertThatThrownBy(() -> directory.list(Kind.STAFF))
                .isInstanceOfSatisfying(AccountReadException.class, e -> {
                    assertThat(e.problem()).isEqualTo(AccountReadException.Problem.CREDENTIALS_REJECTED);
                    assertThat(e.status()).isEqualTo(401);
                })
                .message().doesNotContain("not-the-key-123");
    }

    @Test
    void copesWithAServerThatIgnoresPagingStringIdsAndDuplicateTitles() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        // Always the same page, no total_count, ids as strings, two groups titled alike, an inactive one.
        String page = """
                {"0": {"group": {"group_id": "10", "group_title": "Support", "active": true}},
                 "1": {"group": {"group_id": "12", "group_title": "support ", "active": "0"}},
                 "2": {"group": {"group_id": 13, "group_title": "Night shift", "active": false}}}""";
        OmnideskDirectory directory = stubDirectory(page, calls, 3);

        assertThat(directory.list(Kind.GROUP)).extracting(Entry::id).containsExactly(10L, 12L, 13L);
        assertThat(directory.list(Kind.GROUP)).extracting(Entry::active).containsExactly(true, false, false);
        assertThat(directory.byName(Kind.GROUP, "SUPPORT")).isInstanceOfSatisfying(Lookup.Ambiguous.class,
                a -> assertThat(a.entries()).extracting(Entry::id).containsExactly(10L, 12L));
        // Page 2 repeated page 1, so the directory stopped there.
        assertThat(calls).hasValue(2);
    }

    @Test
    void anEmptyListIsEmpty() throws Exception {
        OmnideskDirectory directory = stubDirectory("{\"total_count\": 0}", new AtomicInteger(), 100);

        assertThat(directory.list(Kind.LABEL)).isEmpty();
        assertThat(directory.byName(Kind.LABEL, "bot")).isInstanceOf(Lookup.Missing.class);
    }

    @Test
    void anHtmlPageInsteadOfTheApiIsExplained() throws Exception {
        OmnideskDirectory directory = stubDirectory("<html>Login</html>", new AtomicInteger(), 100);

        assertThatThrownBy(() -> directory.list(Kind.STAFF))
                .isInstanceOf(AccountReadException.class)
                .hasMessageContaining("did not answer with Omnidesk's JSON: omnidesk.base-url must be the account's "
                        + "address");
    }

    private OmnideskDirectory stubDirectory(String body, AtomicInteger calls, int pageSize) throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/api/", exchange -> {
            calls.incrementAndGet();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        stub.start();
        OmnideskConnection connection = new OmnideskConnection("http://127.0.0.1:" + stub.getAddress().getPort(),
                "bot@example.com", "key", Duration.ofSeconds(2), Duration.ofSeconds(5));
        return new OmnideskDirectory(connection, pageSize);
    }

    private List<String> labelReads() {
        return sandbox.get().apiCalls().stream()
                .filter(c -> c.path().equals("/api/labels.json") && c.method().equals("GET"))
                .map(RecordedCall::query).toList();
    }

    private static long found(Lookup lookup) {
        assertThat(lookup).isInstanceOf(Lookup.Found.class);
        return ((Lookup.Found) lookup).entry().id();
    }
}
