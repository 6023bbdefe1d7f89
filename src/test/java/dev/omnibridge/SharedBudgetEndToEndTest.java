package dev.omnibridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.omnibridge.omnidesk.OmnideskBudget;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real bridge with budget.store=redis: its Omnidesk calls are counted in Redis, and the customer is answered. */
class SharedBudgetEndToEndTest {

    @Test
    void theBridgeOnASharedBudgetAnswersACustomerInTheSandbox() throws Exception {
        try (RedisProcess redis = RedisProcess.start();
                RunningBridge bridge = RunningBridge.start(Map.of("budget.store", "redis",
                        "redis.url", redis.url()))) {
            long caseId = bridge.sandbox().createCase("Здравствуйте", "", "").caseId();
            await().atMost(Duration.ofSeconds(20)).until(() -> bridge.botMessages(caseId).size() == 1);

            OmnideskBudget budget = bridge.context().getRegistry().lookupByNameAndType("omnideskBudget",
                    OmnideskBudget.class);
            assertThat(budget.isStoreDown()).isFalse();
            assertThat(bridge.management("/observe/metrics").body()).contains("bridge_omnidesk_budget_store_down");
            assertThat(bridge.metric("bridge_omnidesk_budget_store_down", null)).isZero();
            RedisClient client = RedisClient.create(redis.url());
            try (var connection = client.connect()) {
                List<String> keys = connection.sync().keys("omnibridge:budget:*");
                assertThat(keys).hasSize(1);
                // the author check's read and the reply (at least): counted in Redis, not only in this process
                assertThat(Integer.parseInt(connection.sync().hget(keys.get(0), "used"))).isGreaterThanOrEqualTo(3);
            } finally {
                client.shutdown();
            }
        }
    }
}
