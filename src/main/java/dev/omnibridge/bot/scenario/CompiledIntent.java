package dev.omnibridge.bot.scenario;

import java.util.List;

/** An intent ready to use: its matcher and parsed reply templates. */
record CompiledIntent(String id, boolean handoff, IntentMatcher matcher, List<Template> replies) {

    CompiledIntent {
        replies = List.copyOf(replies);
    }
}
