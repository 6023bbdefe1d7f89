package dev.omnibridge.setup;

import dev.omnibridge.cluster.IntakeTopic;
import dev.omnibridge.omnidesk.OmnideskBudget;
import dev.omnibridge.setup.NameResolution.Source;
import dev.omnibridge.setup.NameResolution.Target;
import dev.omnibridge.setup.OmnideskDirectory.Entry;
import dev.omnibridge.setup.OmnideskDirectory.Kind;
import dev.omnibridge.setup.OmnideskDirectory.Lookup;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The {@code check} command: logs in to Omnidesk with the configured credentials and reports, one line per item,
 * whether the credentials work, the account's rate limit, and the id of each staff member, label and group the bridge
 * needs, found by name when configured by name, with plain advice for whatever is wrong. Also checks the two local
 * settings the Omnidesk rules depend on (webhook secret and public URL), and with {@code telegram.enabled=true} the
 * custom channel and the Telegram token ({@link ChannelCheck}). Reads only; costs one API unit per page of staff,
 * labels, groups and custom channels (three or four for most accounts). With {@code budget.store=redis}, whether
 * Redis answers. Never prints the API key, the webhook secret, the Telegram token or the Redis password.
 */
public final class AccountCheck {

    /** Below this many units a minute, the budget is worth a warning. */
    static final int LOW_RATE_LIMIT = 60;
    /** How many existing names a hint lists. */
    static final int LISTED = 8;

    public enum Status {
        OK("[ OK ]"), WARN("[WARN]"), FAIL("[FAIL]");

        private final String mark;

        Status(String mark) {
            this.mark = mark;
        }

        public String mark() {
            return mark;
        }
    }

    public record Line(Status status, String text) {
        public String render() {
            return status.mark() + " " + text;
        }
    }

    /** The check's outcome; {@link #exitCode()} is 1 when any line is a FAIL (warnings do not fail the check). */
    public record Report(String title, List<Line> lines) {

        public Report {
            lines = List.copyOf(lines);
        }

        public int exitCode() {
            return count(Status.FAIL) > 0 ? 1 : 0;
        }

        public long count(Status status) {
            return lines.stream().filter(l -> l.status() == status).count();
        }

        public String render() {
            StringBuilder out = new StringBuilder(title).append('\n');
            lines.forEach(l -> out.append(l.render()).append('\n'));
            long fails = count(Status.FAIL);
            long warnings = count(Status.WARN);
            if (fails == 0 && warnings == 0) {
                out.append("All checks passed.\n");
            } else {
                out.append(fails == 0 ? "No problems" : plural(fails, "problem")).append(", ")
                        .append(plural(warnings, "warning")).append(fails == 0 ? "." : " — fix the [FAIL] lines.")
                        .append('\n');
            }
            return out.toString();
        }
    }

    private AccountCheck() {}

    /** Runs the check, prints the report and returns the exit code (0: no FAIL line, 1: at least one). */
    public static int run(SettingValues settings, PrintStream out) {
        Report report = check(settings);
        out.print(report.render());
        out.flush();
        return report.exitCode();
    }

    public static Report check(SettingValues settings) {
        String baseUrl = settings.get("omnidesk.base-url");
        String title = "Omnidesk account check — " + (baseUrl.isEmpty() ? "(no omnidesk.base-url)" : baseUrl);
        List<Line> lines = new ArrayList<>();
        boolean accepted = connectionSettings(settings, lines)
                && remote(settings, new OmnideskDirectory(OmnideskConnection.from(settings)), lines);
        local(settings, lines);
        sharedBudget(settings).ifPresent(lines::add);
        clusterIntake(settings).ifPresent(lines::add);
        if (ChannelCheck.enabled(settings)) {
            if (!accepted) {
                ChannelCheck.offline(settings).ifPresent(lines::add);
            }
            lines.add(ChannelCheck.token(settings));
        }
        return new Report(title, lines);
    }

    /** budget.store=redis: whether Redis answers (PING); the URL is shown as host:port only (it may hold a password). */
    static Optional<Line> sharedBudget(SettingValues settings) {
        if (!settings.get("budget.store").equals("redis")) {
            return Optional.empty();
        }
        String url = settings.get("redis.url");
        if (url.isEmpty()) {
            return Optional.of(fail("shared budget: budget.store=redis but " + SettingValues.named("redis.url")
                    + " is not set — like redis://redis:6379/0"));
        }
        if (!url.matches("rediss?://.+")) {
            return Optional.of(fail("shared budget: redis.url must look like redis://host:6379/0"));
        }
        String where;
        try {
            where = OmnideskBudget.redisWhere(url);
        } catch (RuntimeException e) {
            return Optional.of(fail("shared budget: redis.url is not a Redis URL — like redis://host:6379/0"));
        }
        String problem = OmnideskBudget.pingRedis(url);
        return Optional.of(problem == null
                ? ok("shared budget: Redis at " + where + " answers")
                : fail("shared budget: Redis at " + where + " unreachable (" + problem.replaceFirst("^Redis at [^:]+:\\d+: ", "")
                        + ") — the bridge sends no Omnidesk call while it is (budget.store=redis)"));
    }

    /**
     * bridge.intake=kafka: whether the brokers answer and what the intake topic has (or that the bridge makes it at
     * start). Reached with kafka.brokers and the Kafka component's TLS/SASL settings (camel.component.kafka.*).
     */
    static Optional<Line> clusterIntake(SettingValues settings) {
        if (!settings.get("bridge.intake").equals("kafka")) {
            return Optional.empty();
        }
        String brokers = settings.get("kafka.brokers");
        if (brokers.isEmpty()) {
            return Optional.of(fail("cluster intake: bridge.intake=kafka but " + SettingValues.named("kafka.brokers")
                    + " is not set — like kafka:9092"));
        }
        Properties connection = new Properties();
        connection.put("bootstrap.servers", brokers);
        for (String key : List.of("security-protocol", "sasl-mechanism", "sasl-jaas-config", "ssl-truststore-location",
                "ssl-truststore-password", "ssl-truststore-type")) {
            String value = settings.get("camel.component.kafka." + key);
            if (!value.isEmpty()) {
                connection.put(key.replace('-', '.'), value);
            }
        }
        int partitions;
        try {
            partitions = Integer.parseInt(settings.get("kafka.partitions"));
        } catch (NumberFormatException e) {
            return Optional.of(fail("cluster intake: kafka.partitions must be a number"));
        }
        try {
            return Optional.of(ok("cluster intake: Kafka at " + brokers + " answers: "
                    + IntakeTopic.describe(connection, settings.get("kafka.topic"), partitions)));
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return Optional.of(fail("cluster intake: Kafka at " + brokers + " unreachable ("
                    + cause.getClass().getSimpleName() + ") — no webhook is accepted while it is (bridge.intake=kafka)"));
        }
    }

    private static boolean connectionSettings(SettingValues settings, List<Line> lines) {
        int before = lines.size();
        String baseUrl = settings.get("omnidesk.base-url");
        if (baseUrl.isEmpty()) {
            lines.add(fail(SettingValues.named("omnidesk.base-url")
                    + " is not set — the account's address, like https://acme.omnidesk.ru"));
        } else if (!OmnideskConnection.looksValid(baseUrl)) {
            lines.add(fail("omnidesk.base-url=" + baseUrl
                    + " must be just the account's address, like https://acme.omnidesk.ru (no path)"));
        }
        if (settings.get("omnidesk.staff-email").isEmpty()) {
            lines.add(fail(SettingValues.named("omnidesk.staff-email")
                    + " is not set — the e-mail of the staff member the bridge logs in as (the bot)"));
        }
        if (settings.get("omnidesk.api-key").isEmpty()) {
            lines.add(fail(SettingValues.named("omnidesk.api-key")
                    + " is not set — the account's API key (admin → Settings → API)"));
        }
        return lines.size() == before;
    }

    /** The lines that need the account; false when the credentials did not get in. */
    private static boolean remote(SettingValues settings, OmnideskDirectory directory, List<Line> lines) {
        String user = settings.get("omnidesk.staff-email");
        try {
            directory.list(Kind.STAFF);
        } catch (AccountReadException e) {
            lines.add(credentialFailure(e, user));
            return false;
        }
        lines.add(ok("credentials: API user " + user + " accepted"));
        int rateLine = lines.size();
        Map<String, Entry> resolved = new HashMap<>();
        for (Target target : NameResolution.TARGETS) {
            lines.add(targetLine(settings, directory, target, resolved));
        }
        crossChecks(resolved, lines);
        if (ChannelCheck.enabled(settings)) {
            lines.add(ChannelCheck.channel(settings, directory));
        }
        // After the other calls, so that "left" includes what this check spent.
        lines.add(rateLine, rateLimitLine(directory.rateLimit()));
        return true;
    }

    private static Line credentialFailure(AccountReadException e, String user) {
        return switch (e.problem()) {
            case CREDENTIALS_REJECTED -> fail("credentials rejected: check omnidesk.staff-email and omnidesk.api-key "
                    + "(admin → Settings → API) — Omnidesk answered 401 for API user " + user);
            case FORBIDDEN -> fail("credentials: Omnidesk let API user " + user + " in but refused the staff list "
                    + "(HTTP 403) — give that staff member full access (admin → Staff)");
            default -> fail("credentials could not be checked: " + e.getMessage());
        };
    }

    private static Line targetLine(SettingValues settings, OmnideskDirectory directory, Target target,
            Map<String, Entry> resolved) {
        try {
            return switch (NameResolution.source(settings, target)) {
                case ID -> byId(settings, directory, target, resolved);
                case NAME -> byName(settings, directory, target, resolved);
                case NONE -> unset(settings, directory, target);
            };
        } catch (AccountReadException e) {
            return fail(target.role() + ": could not read the " + target.kind().plural() + ": " + e.getMessage());
        }
    }

    private static Line byId(SettingValues settings, OmnideskDirectory directory, Target target,
            Map<String, Entry> resolved) throws AccountReadException {
        String idText = settings.get(target.idKey());
        Kind kind = target.kind();
        if (!idText.matches("\\d{1,18}")) {
            return fail(target.idKey() + "=" + idText + " is not a numeric id — set the " + kind.noun()
                    + "'s number, or its name in " + target.nameKey() + " and leave the id empty");
        }
        Optional<Entry> entry = directory.byId(kind, Long.parseLong(idText));
        if (entry.isEmpty()) {
            return fail(target.role() + ": no " + kind.noun() + " has id " + idText + " (" + target.idKey()
                    + ") — fix the id, or empty it and set " + target.nameKey() + "; " + kind.plural() + ": "
                    + listing(directory.list(kind)));
        }
        Entry found = entry.get();
        resolved.put(target.idKey(), found);
        String name = settings.get(target.nameKey());
        if (!name.isEmpty() && !found.matches(name)) {
            return warn(target.role() + ": " + found.describe() + " from " + target.idKey() + ", but "
                    + target.nameKey() + " says \"" + name + "\"; the id wins — remove one of the two");
        }
        return inactive(target, found).orElse(ok(target.role() + ": " + found.describe()));
    }

    private static Line byName(SettingValues settings, OmnideskDirectory directory, Target target,
            Map<String, Entry> resolved) throws AccountReadException {
        String name = settings.get(target.nameKey());
        Kind kind = target.kind();
        Lookup lookup = directory.byName(kind, name);
        if (lookup instanceof Lookup.Found found) {
            Entry entry = found.entry();
            resolved.put(target.idKey(), entry);
            return inactive(target, entry).orElse(ok(target.role() + ": " + entry.describe() + ", found by "
                    + target.nameKey() + " — or set " + target.idKey() + "=" + entry.id()));
        }
        if (lookup instanceof Lookup.Ambiguous ambiguous) {
            String ids = ambiguous.entries().stream().map(e -> Long.toString(e.id())).collect(Collectors.joining(", "));
            return fail(target.role() + " \"" + name + "\": " + ambiguous.entries().size() + " " + kind.plural()
                    + " have this name (ids " + ids + ") — rename all but one in Omnidesk, or set " + target.idKey());
        }
        return fail(target.role() + " \"" + name + "\" not found — " + target.createAdvice(name) + "; "
                + kind.plural() + ": " + listing(directory.list(kind)));
    }

    private static Line unset(SettingValues settings, OmnideskDirectory directory, Target target)
            throws AccountReadException {
        List<Entry> all = directory.list(target.kind());
        if (!target.mandatory()) {
            return ok(target.role() + ": not set (optional) — " + purpose(target) + "; " + target.kind().plural()
                    + ": " + listing(all));
        }
        String hint;
        if (target.kind() == Kind.STAFF) {
            String user = settings.get("omnidesk.staff-email");
            hint = directory.byName(Kind.STAFF, user) instanceof Lookup.Found apiUser
                    ? "set " + target.nameKey() + "=" + user + " (the API user, " + apiUser.entry().describe() + ")"
                    : "set " + target.nameKey() + " to the bot's e-mail (admin → Staff)";
        } else {
            hint = directory.byName(target.kind(), "bot") instanceof Lookup.Found bot
                    ? "set " + target.nameKey() + "=" + bot.entry().name() + " (" + bot.entry().describe() + ")"
                    : "create a label named \"bot\" (admin → Labels) and set " + target.nameKey() + "=bot";
        }
        return fail(target.role() + " not configured — " + hint);
    }

    private static String purpose(Target target) {
        if (target == NameResolution.OPERATOR_GROUP) {
            return "set " + target.nameKey() + " to move handed-off cases into a group";
        }
        if (target == NameResolution.OPERATOR_LABEL) {
            return "set " + target.nameKey() + " to mark handed-off cases with a label";
        }
        return "set " + target.nameKey() + " to assign handed-off cases to a person";
    }

    private static Optional<Line> inactive(Target target, Entry entry) {
        if (entry.active()) {
            return Optional.empty();
        }
        String where = entry.kind() == Kind.STAFF ? "admin → Staff" : "admin → Groups";
        return Optional.of(warn(target.role() + ": " + entry.describe() + " is deactivated — activate it in "
                + where));
    }

    private static void crossChecks(Map<String, Entry> resolved, List<Line> lines) {
        Entry botLabel = resolved.get(NameResolution.BOT_LABEL.idKey());
        Entry operatorLabel = resolved.get(NameResolution.OPERATOR_LABEL.idKey());
        if (botLabel != null && operatorLabel != null && botLabel.id() == operatorLabel.id()) {
            lines.add(fail("the operator label is the bot label " + botLabel.describe() + " — a handoff would "
                    + "remove and add the same label and the bot would never let go; choose another label"));
        }
        Entry botStaff = resolved.get(NameResolution.BOT_STAFF.idKey());
        Entry operatorStaff = resolved.get(NameResolution.OPERATOR_STAFF.idKey());
        if (botStaff != null && operatorStaff != null && botStaff.id() == operatorStaff.id()) {
            lines.add(fail("the operator staff member is the bot " + botStaff.describe() + " — handed-off cases "
                    + "would be assigned back to the bot; choose a person"));
        }
    }

    private static Line rateLimitLine(Optional<RateLimit> rateLimit) {
        if (rateLimit.isEmpty()) {
            return warn("rate limit: Omnidesk sent no " + RateLimit.LIMIT_HEADER
                    + " header, so the account's API budget is unknown");
        }
        RateLimit limit = rateLimit.get();
        String text = "rate limit: " + limit.perMinute() + " requests/minute"
                + (limit.left() >= 0 ? ", " + limit.left() + " left" : "");
        if (limit.left() == 0) {
            return warn(text + " — used up for this minute; the bridge waits whenever that happens");
        }
        if (limit.perMinute() < LOW_RATE_LIMIT) {
            return warn(text + " — a small budget, shared with every API client of the account: a bot reply costs "
                    + "2 (writes count double) and a handoff up to 6, so answers will queue at busy times");
        }
        return ok(text);
    }

    private static void local(SettingValues settings, List<Line> lines) {
        String secret = settings.get("webhook.secret");
        if (secret.isEmpty()) {
            lines.add(fail(SettingValues.named("webhook.secret")
                    + " is not set — generate one, for example with: openssl rand -hex 24"));
        } else if (secret.length() < SetupGuide.MIN_SECRET_LENGTH) {
            lines.add(fail("webhook.secret is too short (" + secret.length() + " characters, at least "
                    + SetupGuide.MIN_SECRET_LENGTH + ") — generate one with: openssl rand -hex 24"));
        } else if (!SetupGuide.urlSafe(secret)) {
            lines.add(fail("webhook.secret has characters that break a URL path — use letters, digits, '-' and "
                    + "'_' only, for example: openssl rand -hex 24"));
        } else {
            lines.add(ok("webhook secret: set (" + secret.length() + " characters)"));
        }
        String publicUrl = SetupGuide.stripSlash(settings.get("bridge.public-url"));
        if (publicUrl.isEmpty()) {
            lines.add(warn(SettingValues.named("bridge.public-url") + " is not set — set it to the address "
                    + "Omnidesk reaches the bridge at (like https://bot.acme.ru) so that 'setup' prints the exact "
                    + "rule URL"));
        } else if (!SetupGuide.validPublicUrl(publicUrl)) {
            lines.add(fail("bridge.public-url=" + publicUrl + " must look like https://bot.acme.ru"));
        } else if (SetupGuide.cleartext(publicUrl)) {
            lines.add(warn("public URL " + publicUrl + " is plain http — the rule URL carries the webhook secret "
                    + "in clear text; put the bridge behind https"));
        } else {
            lines.add(ok("public URL: the rules post to " + SetupGuide.webhookUrl(publicUrl, "<webhook.secret>")));
        }
    }

    private static String listing(List<Entry> entries) {
        if (entries.isEmpty()) {
            return "none";
        }
        String shown = entries.stream().limit(LISTED).map(Entry::describe).collect(Collectors.joining(", "));
        return entries.size() > LISTED ? shown + " and " + (entries.size() - LISTED) + " more" : shown;
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static Line ok(String text) {
        return new Line(Status.OK, text);
    }

    private static Line warn(String text) {
        return new Line(Status.WARN, text);
    }

    private static Line fail(String text) {
        return new Line(Status.FAIL, text);
    }
}
