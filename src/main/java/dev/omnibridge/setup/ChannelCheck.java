package dev.omnibridge.setup;

import dev.omnibridge.setup.AccountCheck.Line;
import dev.omnibridge.setup.AccountCheck.Status;
import dev.omnibridge.setup.OmnideskDirectory.CustomChannel;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code check} lines of Variant 2 ({@code telegram.enabled=true}): the custom channel named by
 * {@code omnidesk.custom-channel} exists, is active and posts to the bridge's channel URL; the Telegram token is set.
 * Telegram itself is not called: a check that sends nothing cannot disturb a running bot's long poll.
 */
final class ChannelCheck {

    private static final String KEY = "omnidesk.custom-channel";
    /** Another secret in a channel URL is still a secret: shown masked, never as typed. */
    private static final Pattern CHANNEL_URL = Pattern.compile("(.*" + Pattern.quote(SetupGuide.CHANNEL_PATH)
            + ")([^/?#]+)(.*)");

    private ChannelCheck() {}

    static boolean enabled(SettingValues settings) {
        return settings.flag("telegram.enabled");
    }

    /** The channel line, from the account's custom channels (one API unit). */
    static Line channel(SettingValues settings, OmnideskDirectory directory) {
        String key = settings.get(KEY);
        List<CustomChannel> all;
        try {
            all = directory.customChannels();
        } catch (AccountReadException e) {
            return fail("custom channel: could not read the custom channels: " + e.getMessage());
        }
        if (key.isEmpty()) {
            return fail(notSet() + "; custom channels: " + listing(all));
        }
        Optional<CustomChannel> found = all.stream().filter(c -> c.apiKey().equals(key)).findFirst();
        if (found.isEmpty()) {
            return fail("custom channel " + key + " (" + KEY + ") not found — create it (admin → Channels → Custom "
                    + "channel) or set " + KEY + " to the key of an existing one; custom channels: " + listing(all));
        }
        CustomChannel channel = found.get();
        if (!channel.active()) {
            return fail("custom channel: " + channel.describe() + " is inactive — Omnidesk takes no cases in it; "
                    + "activate it (admin → Channels → Custom channel)");
        }
        return urlLine(settings, channel);
    }

    /** Without a connection to the account, only what the settings alone tell. */
    static Optional<Line> offline(SettingValues settings) {
        return settings.get(KEY).isEmpty() ? Optional.of(fail(notSet())) : Optional.empty();
    }

    static Line token(SettingValues settings) {
        String token = settings.get("telegram.token");
        if (token.isEmpty()) {
            return fail(SettingValues.named("telegram.token") + " is missing — the bot's token from @BotFather");
        }
        return new Line(Status.OK, "telegram token: set (" + token.length() + " characters, not tried: check "
                + "does not call Telegram)");
    }

    private static Line urlLine(SettingValues settings, CustomChannel channel) {
        String publicUrl = SetupGuide.stripSlash(settings.get("bridge.public-url"));
        String secret = settings.get("webhook.secret");
        if (!SetupGuide.validPublicUrl(publicUrl) || secret.isEmpty()) {
            // The lines about bridge.public-url and webhook.secret say what to fix.
            return warn("custom channel: " + channel.describe() + " is active; its URL is not compared until "
                    + "bridge.public-url and webhook.secret are set");
        }
        String expected = SetupGuide.channelUrl(publicUrl, secret);
        String shownExpected = SetupGuide.channelUrl(publicUrl, SetupGuide.MASK);
        String actual = channel.webhookUrl();
        if (SetupGuide.stripSlash(actual).equals(expected)) {
            return new Line(Status.OK, "custom channel: " + channel.describe() + ", active, posts operator replies "
                    + "to " + shownExpected);
        }
        String now = actual.isEmpty() ? "has no URL" : "posts to " + masked(actual, secret);
        return warn("custom channel: " + channel.describe() + " " + now + " — set its URL to " + shownExpected
                + " (admin → Channels → Custom channel; 'setup' prints it), or operator replies never reach the bot");
    }

    private static String notSet() {
        return SettingValues.named(KEY) + " is not set — the key of the custom channel the bridge opens its cases in, "
                + "like cch12 (admin → Channels → Custom channel)";
    }

    /** The channel's URL with the secret masked, and any other secret in the bridge's path too. */
    static String masked(String url, String secret) {
        String shown = url.replace(secret, SetupGuide.MASK);
        Matcher other = CHANNEL_URL.matcher(shown);
        if (other.matches() && !other.group(2).equals(SetupGuide.MASK)) {
            return other.group(1) + "<another secret>" + other.group(3);
        }
        return shown;
    }

    private static String listing(List<CustomChannel> channels) {
        if (channels.isEmpty()) {
            return "none";
        }
        String shown = channels.stream().limit(AccountCheck.LISTED).map(CustomChannel::describe)
                .collect(Collectors.joining(", "));
        return channels.size() > AccountCheck.LISTED ? shown + " and " + (channels.size() - AccountCheck.LISTED)
                + " more" : shown;
    }

    private static Line warn(String text) {
        return new Line(Status.WARN, text);
    }

    private static Line fail(String text) {
        return new Line(Status.FAIL, text);
    }
}
