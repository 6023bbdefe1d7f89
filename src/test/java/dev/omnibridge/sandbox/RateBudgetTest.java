package dev.omnibridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateBudgetTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateBudget budget = new RateBudget(5, Duration.ofSeconds(60), now::get);

    @Test
    void refusesWhatDoesNotFitWithoutSpendingIt() {
        assertThat(budget.tryConsume(2).left()).isEqualTo(3);
        assertThat(budget.tryConsume(2).left()).isEqualTo(1);
        RateBudget.Decision refused = budget.tryConsume(2);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.left()).isEqualTo(1);
        assertThat(refused.retryAfterSeconds()).isEqualTo(60);
        assertThat(budget.tryConsume(1).allowed()).isTrue();
    }

    @Test
    void refillsAtFixedWindowBoundaries() {
        budget.tryConsume(5);
        now.addAndGet(Duration.ofSeconds(59).toNanos() + 1);
        assertThat(budget.tryConsume(1).allowed()).isFalse();
        assertThat(budget.peek().retryAfterSeconds()).isEqualTo(1);

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(budget.tryConsume(1).left()).isEqualTo(4);

        // Two and a half windows later: still aligned to the original boundaries.
        now.addAndGet(Duration.ofSeconds(150).toNanos());
        RateBudget.Decision d = budget.tryConsume(1);
        assertThat(d.left()).isEqualTo(4);
        assertThat(d.retryAfterSeconds()).isEqualTo(30);
    }
}
