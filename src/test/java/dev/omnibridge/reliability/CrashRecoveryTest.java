package dev.omnibridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.omnibridge.sandbox.SandboxExtension;
import dev.omnibridge.sandbox.SandboxMessage;
import dev.omnibridge.sandbox.WebhookDelivery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Accepted means durable: the bridge process dies or is stopped, comes back, and every customer is answered once. */
class CrashRecoveryTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.withDefaults().perTest();

    private Path dataDir;

    @BeforeEach
    void createDataDir() throws Exception {
        dataDir = Files.createTempDirectory("bridge-crash");
    }

    @Test
    void webhooksAcceptedWhileOmnideskFailsSurviveKillMinusNine() throws Exception {
        // Long retries: when the process is killed, every accepted webhook is still being worked on.
        Map<String, String> settings = Map.of("omnidesk.retry.max-attempts", "1000",
                "omnidesk.retry.initial-delay-ms", "200", "omnidesk.retry.max-delay-ms", "500");
        List<Long> cases = new ArrayList<>();
        try (BridgeProcess bridge = new BridgeProcess(sandbox.get(), dataDir, settings).start()) {
            sandbox.get().faults().failNext(1_000_000, 500);
            for (int i = 0; i < 5; i++) {
                cases.add(sandbox.get().createCase("Здравствуйте", "Customer " + i, "").caseId());
            }
            // Both rules fired for each case and the bridge accepted every webhook.
            await().atMost(WAIT).until(() -> accepted(cases) == 2 * cases.size());
            assertThat(bridge.journalSize()).isPositive();

            bridge.kill();
        }
        sandbox.get().faults().reset();
        assertThat(botMessages(cases)).allMatch(List::isEmpty);

        try (BridgeProcess again = new BridgeProcess(sandbox.get(), dataDir, settings).start()) {
            await().atMost(WAIT).until(() -> botMessages(cases).stream().allMatch(m -> m.size() == 1));
            // Everything the restart picked up is finished, echoes of the greetings included.
            await().atMost(WAIT).until(() -> again.journalSize() == 0 && accepted(cases) == 3 * cases.size());
            await().atMost(WAIT).until(() -> again.journalSize() == 0);
            assertThat(botMessages(cases)).allMatch(m -> m.size() == 1);
        }
    }

    @Test
    void killedBetweenTheAuthorCheckAndTheReplyTheCustomerIsAnsweredOnce() throws Exception {
        Map<String, String> settings = Map.of("omnidesk.retry.max-attempts", "1000",
                "omnidesk.retry.initial-delay-ms", "200", "omnidesk.retry.max-delay-ms", "500");
        long caseId;
        try (BridgeProcess bridge = new BridgeProcess(sandbox.get(), dataDir, settings).start()) {
            // Reads are served, writes fail: the bridge has read the case and is stuck sending the greeting.
            sandbox.get().faults().failNextWrites(1_000_000, 500);
            caseId = sandbox.get().createCase("Здравствуйте", "Ivan", "").caseId();
            await().atMost(WAIT).until(() -> sandbox.get().apiCalls().stream().anyMatch(c -> "POST".equals(c.method())
                    && c.path().equals("/api/cases/" + caseId + "/messages.json")));
            bridge.kill();
        }
        sandbox.get().faults().reset();
        assertThat(botMessagesOf(caseId)).isEmpty();

        try (BridgeProcess again = new BridgeProcess(sandbox.get(), dataDir, settings).start()) {
            await().atMost(WAIT).until(() -> botMessagesOf(caseId).size() == 1);
            await().atMost(WAIT).until(() -> again.journalSize() == 0 && accepted(List.of(caseId)) == 3);
            // the echo of the greeting came back and was handled: still one greeting
            assertThat(botMessagesOf(caseId)).hasSize(1);
        }
    }

    @Test
    void sigtermUnderLoadLosesNothing() throws Exception {
        Map<String, String> settings = Map.of("omnidesk.retry.initial-delay-ms", "100");
        List<Long> cases = new ArrayList<>();
        BridgeProcess bridge = new BridgeProcess(sandbox.get(), dataDir, settings).start();
        try {
            sandbox.get().faults().delay(Duration.ofMillis(150)); // a slow Omnidesk keeps work in flight
            for (int i = 0; i < 12; i++) {
                cases.add(sandbox.get().createCase("Здравствуйте", "", "").caseId());
            }
            await().atMost(WAIT).until(() -> accepted(cases) >= 6);
            int exit = bridge.terminate();
            assertThat(exit).isIn(0, 130, 143);
        } finally {
            bridge.close();
        }
        sandbox.get().faults().reset();
        Set<Long> acceptedCases = sandbox.get().webhookDeliveries().stream()
                .filter(d -> cases.contains(d.caseId()) && d.status() == 200)
                .map(WebhookDelivery::caseId).collect(Collectors.toSet());
        assertThat(acceptedCases).isNotEmpty();

        try (BridgeProcess again = new BridgeProcess(sandbox.get(), dataDir, settings).start()) {
            await().atMost(WAIT).until(() -> acceptedCases.stream()
                    .allMatch(id -> botMessagesOf(id).size() == 1));
            await().atMost(WAIT).until(() -> again.journalSize() == 0);
            assertThat(acceptedCases).allMatch(id -> botMessagesOf(id).size() == 1);
        }
    }

    private long accepted(List<Long> cases) {
        return sandbox.get().webhookDeliveries().stream().filter(d -> cases.contains(d.caseId()) && d.status() == 200)
                .count();
    }

    private List<List<String>> botMessages(List<Long> cases) {
        return cases.stream().map(this::botMessagesOf).toList();
    }

    private List<String> botMessagesOf(long caseId) {
        return sandbox.get().messages(caseId).stream()
                .filter(m -> !m.note() && m.staffId() == sandbox.get().botStaffId())
                .map(SandboxMessage::content).toList();
    }
}
