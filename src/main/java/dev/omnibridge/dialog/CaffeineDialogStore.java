package dev.omnibridge.dialog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * Dialog states in a bounded Caffeine cache. Losing an entry is safe: Omnidesk's labels are the truth about
 * ownership and are read again on the next message of that case.
 */
public class CaffeineDialogStore implements DialogStore {

    private long maximumSize = 100_000;
    private Duration expireAfterAccess = Duration.ofHours(24);
    private volatile Cache<Long, DialogState> cache;

    public void setMaximumSize(long maximumSize) {
        this.maximumSize = maximumSize;
    }

    public void setExpireAfterAccessMinutes(long minutes) {
        this.expireAfterAccess = Duration.ofMinutes(minutes);
    }

    public void init() {
        cache = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterAccess(expireAfterAccess).build();
    }

    @Override
    public Optional<DialogState> find(long caseId) {
        return Optional.ofNullable(cache().getIfPresent(caseId));
    }

    @Override
    public void save(DialogState state) {
        cache().put(state.getCaseId(), state);
    }

    @Override
    public long size() {
        return cache().estimatedSize();
    }

    @Override
    public void clear() {
        cache().invalidateAll();
    }

    private Cache<Long, DialogState> cache() {
        if (cache == null) {
            init();
        }
        return cache;
    }
}
