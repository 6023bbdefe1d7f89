package dev.omnibridge.bot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omnibridge.dialog.DialogState;
import dev.omnibridge.storage.Json;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Buttons in a channel without buttons: the engine's buttons are shown as a numbered list, remembered in the
 * dialog's memory, and the customer's next message is read as a choice when it is the number ("2", "2.", "2)"), the
 * button's text (case, ё/е and punctuation ignored), or the whole line as shown ("2. Самовывоз"). The menu holds for
 * one customer message only: whatever the customer writes next, it is taken off.
 */
public final class ButtonMenu {

    /** The dialog memory key; its value is the JSON list of the buttons last shown. */
    public static final String MEMORY_KEY = DialogState.MENU_MEMORY;

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final TypeReference<List<Button>> BUTTONS = new TypeReference<>() {};
    private static final Pattern NUMBER = Pattern.compile("^(\\d{1,3})\\s*[.)]?(?:\\s+(.*))?$", Pattern.DOTALL);

    private ButtonMenu() {}

    /** The numbered list as the customer sees it: one "N. text" line per button. */
    public static String render(List<Button> buttons) {
        return IntStream.range(0, buttons.size())
                .mapToObj(i -> (i + 1) + ". " + buttons.get(i).text())
                .collect(Collectors.joining("\n"));
    }

    /** Remembers the buttons just shown (or forgets the menu when there are none). */
    public static void remember(DialogState dialog, List<Button> buttons) {
        if (buttons.isEmpty()) {
            dialog.getMemory().remove(MEMORY_KEY);
            return;
        }
        try {
            dialog.getMemory().put(MEMORY_KEY, JSON.writeValueAsString(buttons));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("buttons are always serialisable", e);
        }
    }

    /** Takes the menu off the dialog and returns the button the customer's message chose, if it chose one. */
    public static Optional<Button> take(DialogState dialog, String message) {
        return chosen(dialog.getMemory().remove(MEMORY_KEY), message);
    }

    /** The button the message would choose, leaving the menu where it is (for showing what a phrase would do). */
    public static Optional<Button> peek(DialogState dialog, String message) {
        return chosen(dialog.getMemory().get(MEMORY_KEY), message);
    }

    private static Optional<Button> chosen(String stored, String message) {
        if (stored == null) {
            return Optional.empty();
        }
        List<Button> buttons;
        try {
            buttons = JSON.readValue(stored, BUTTONS);
        } catch (JsonProcessingException e) {
            return Optional.empty(); // a menu from an incompatible version: read the message as text
        }
        return choose(buttons, message);
    }

    static Optional<Button> choose(List<Button> buttons, String message) {
        String typed = message == null ? "" : message.strip();
        Matcher number = NUMBER.matcher(typed);
        if (number.matches()) {
            int index = Integer.parseInt(number.group(1)) - 1;
            boolean inRange = index >= 0 && index < buttons.size();
            // "2. Самовывоз" must name the same button as its number; "2 штуки" is an answer, not a choice.
            if (inRange && (number.group(2) == null || sameText(number.group(2), buttons.get(index).text()))) {
                return Optional.of(buttons.get(index));
            }
        }
        String folded = TextNormalizer.normalize(typed);
        if (folded.isEmpty()) {
            return Optional.empty();
        }
        return buttons.stream().filter(b -> folded.equals(TextNormalizer.normalize(b.text()))).findFirst();
    }

    private static boolean sameText(String a, String b) {
        return TextNormalizer.normalize(a).equals(TextNormalizer.normalize(b));
    }
}
