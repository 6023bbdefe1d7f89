package dev.omnibridge.bot.scenario;

import java.util.List;
import java.util.Optional;

/**
 * A validated scenario, immutable and shared by all dialogs.
 *
 * @param greeting           null when the scenario has none
 * @param greetingBeforeAnswer the greeting when an answer follows in the same message (the greeting when unset)
 * @param intents            in matching order: handoff intents first, then the others in file order
 * @param kb                 null when the knowledge-base fallback is off
 * @param handoffAfter       misunderstood messages in a row before a handoff; 0 = never
 * @param handoffReply       null when handoffAfter is 0 and none was written
 */
record CompiledScenario(
        Template greeting,
        Template greetingBeforeAnswer,
        List<CompiledIntent> intents,
        KbFallback kb,
        int handoffAfter,
        Template misunderstoodReply,
        Template handoffReply) {

    CompiledScenario {
        intents = List.copyOf(intents);
    }

    /** The intent with this id (a button names one). */
    Optional<CompiledIntent> intent(String id) {
        return intents.stream().filter(intent -> intent.id().equals(id)).findFirst();
    }

    Optional<CompiledIntent> match(NormalizedText message) {
        return intents.stream().filter(intent -> intent.matcher().matches(message)).findFirst();
    }
}
