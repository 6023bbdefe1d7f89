package dev.omnibridge.bot.scenario;

import java.util.List;

/** An intent ready to use: its matcher, parsed reply templates and the choices it offers. */
record CompiledIntent(String id, boolean handoff, IntentMatcher matcher, List<Template> replies,
        List<CompiledButton> buttons) {

    CompiledIntent {
        replies = List.copyOf(replies);
        buttons = List.copyOf(buttons);
    }

    /** A button: its text, and the intent that answers when it is chosen. */
    record CompiledButton(Template text, String intent) {}
}
