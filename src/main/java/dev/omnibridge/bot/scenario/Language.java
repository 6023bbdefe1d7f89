package dev.omnibridge.bot.scenario;

/**
 * The customer's language, from the letters of the message: mostly Latin letters is English, anything else (Cyrillic)
 * Russian. A message without letters ("12345", "?") keeps the dialog's language.
 */
final class Language {

    static final String RUSSIAN = "ru";
    static final String ENGLISH = "en";

    private Language() {}

    /** @param previous the dialog's language so far, or null */
    static String of(String message, String previous) {
        int latin = 0;
        int cyrillic = 0;
        for (int i = 0; i < message.length(); i++) {
            Character.UnicodeScript script = Character.UnicodeScript.of(message.charAt(i));
            if (!Character.isLetter(message.charAt(i))) {
                continue;
            }
            if (script == Character.UnicodeScript.LATIN) {
                latin++;
            } else if (script == Character.UnicodeScript.CYRILLIC) {
                cyrillic++;
            }
        }
        if (latin == 0 && cyrillic == 0) {
            return previous == null ? RUSSIAN : previous;
        }
        return latin > cyrillic ? ENGLISH : RUSSIAN;
    }
}
