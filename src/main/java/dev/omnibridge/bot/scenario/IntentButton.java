package dev.omnibridge.bot.scenario;

/**
 * A choice an intent offers after its reply: pressing it (in Telegram) or answering with its number or text (in an
 * Omnidesk case, where it shows as a numbered line) answers as the intent it names.
 */
public class IntentButton {

    private Text text;
    private String intent;

    /** What the button says (a string, or {@code {ru: …, en: …}}). */
    public Text getText() {
        return text;
    }

    public void setText(Text text) {
        this.text = text;
    }

    /** The id of the intent that answers when the button is chosen. */
    public String getIntent() {
        return intent;
    }

    public void setIntent(String intent) {
        this.intent = intent;
    }
}
