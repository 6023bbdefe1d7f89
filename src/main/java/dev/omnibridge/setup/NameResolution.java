package dev.omnibridge.setup;

import dev.omnibridge.setup.MissingSettingsException;
import dev.omnibridge.setup.OmnideskDirectory.Kind;
import dev.omnibridge.setup.OmnideskDirectory.Lookup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff members, labels and groups may be configured by name ({@code omnidesk.bot-label-name = bot}) instead of by
 * numeric id. An id that is set (and not {@code 0}) always wins; a name is looked up only when its id is empty or
 * {@code 0}. At start-up {@link #applyTo} turns the names into ids before the mandatory settings are checked; a
 * bridge configured by ids makes no call at all.
 */
public final class NameResolution {

    private static final Logger LOG = LoggerFactory.getLogger(NameResolution.class);

    /**
     * One id setting and the name setting that can stand in for it.
     *
     * @param role      how the administrator calls it ("bot label")
     * @param mandatory the bridge cannot start without it
     */
    public record Target(String role, String idKey, String nameKey, Kind kind, boolean mandatory) {

        /** What to do when the configured name matches nothing. */
        String createAdvice(String name) {
            return switch (kind) {
                case LABEL -> "create a label named \"" + name + "\" (admin → Labels) or fix " + nameKey;
                case GROUP -> "create a group named \"" + name + "\" (admin → Groups) or fix " + nameKey;
                case STAFF -> "use the e-mail or full name shown in admin → Staff in " + nameKey;
            };
        }
    }

    public static final Target BOT_STAFF = new Target("bot staff member",
            "omnidesk.bot-staff-id", "omnidesk.bot-staff-email", Kind.STAFF, true);
    public static final Target BOT_LABEL = new Target("bot label",
            "omnidesk.bot-label-id", "omnidesk.bot-label-name", Kind.LABEL, true);
    public static final Target OPERATOR_GROUP = new Target("operator group",
            "omnidesk.operator-group-id", "omnidesk.operator-group-name", Kind.GROUP, false);
    public static final Target OPERATOR_LABEL = new Target("operator label",
            "omnidesk.operator-label-id", "omnidesk.operator-label-name", Kind.LABEL, false);
    public static final Target OPERATOR_STAFF = new Target("operator staff member",
            "omnidesk.operator-staff-id", "omnidesk.operator-staff-email", Kind.STAFF, false);

    public static final List<Target> TARGETS =
            List.of(BOT_STAFF, BOT_LABEL, OPERATOR_GROUP, OPERATOR_LABEL, OPERATOR_STAFF);

    /** How a target is configured. */
    public enum Source { ID, NAME, NONE }

    /**
     * Resolved ids and what could not be resolved.
     *
     * @param ids      id setting → id, for every target configured by a name that matched exactly one entry
     * @param problems one plain sentence per name that matched nothing or several entries
     */
    public record Outcome(Map<String, Long> ids, List<String> problems) {}

    private NameResolution() {}

    public static Source source(SettingValues settings, Target target) {
        String id = settings.get(target.idKey());
        if (!id.isEmpty() && !id.equals("0")) {
            return Source.ID;
        }
        return settings.get(target.nameKey()).isEmpty() ? Source.NONE : Source.NAME;
    }

    /** True when some id has to come from a name. */
    public static boolean needed(SettingValues settings) {
        return TARGETS.stream().anyMatch(t -> source(settings, t) == Source.NAME);
    }

    /** Looks up every target configured by name. Each list is read at most once. */
    public static Outcome resolve(SettingValues settings, OmnideskDirectory directory) throws AccountReadException {
        Map<String, Long> ids = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Target target : TARGETS) {
            if (source(settings, target) != Source.NAME) {
                continue;
            }
            String name = settings.get(target.nameKey());
            Lookup lookup = directory.byName(target.kind(), name);
            if (lookup instanceof Lookup.Found found) {
                ids.put(target.idKey(), found.entry().id());
            } else if (lookup instanceof Lookup.Ambiguous ambiguous) {
                problems.add(ambiguity(target, name, ambiguous.entries()));
            } else {
                problems.add(target.nameKey() + " \"" + name + "\": no " + target.kind().noun()
                        + " of that name in Omnidesk; " + target.createAdvice(name) + ", or set " + target.idKey());
            }
        }
        return new Outcome(ids, problems);
    }

    static String ambiguity(Target target, String name, List<OmnideskDirectory.Entry> entries) {
        String ids = entries.stream().map(e -> Long.toString(e.id())).collect(Collectors.joining(", "));
        return target.nameKey() + " \"" + name + "\": " + entries.size() + " " + target.kind().plural()
                + " have that name (ids " + ids + "); rename all but one in Omnidesk or set " + target.idKey();
    }

    /**
     * The start-up step: for each id left empty (or 0) whose name setting is set, looks the name up and sets the id as
     * an override property, so that the routes' {@code {{omnidesk.bot-label-id}}} see it. Does nothing, and calls
     * nothing, when no name is needed, or when the connection settings are missing or malformed (the mandatory-settings
     * check names those).
     *
     * @throws MissingSettingsException when a name matches nothing or several entries, or Omnidesk cannot be asked
     */
    public static void applyTo(PropertiesComponent properties) {
        SettingValues settings = SettingValues.of(properties);
        if (!needed(settings)
                || settings.get("omnidesk.staff-email").isEmpty()
                || settings.get("omnidesk.api-key").isEmpty()
                || !OmnideskConnection.looksValid(settings.get("omnidesk.base-url"))) {
            return;
        }
        String names = TARGETS.stream().filter(t -> source(settings, t) == Source.NAME).map(Target::nameKey)
                .collect(Collectors.joining(", "));
        Outcome outcome;
        try {
            outcome = resolve(settings, new OmnideskDirectory(OmnideskConnection.from(settings)));
        } catch (AccountReadException e) {
            String advice = e.problem() == AccountReadException.Problem.CREDENTIALS_REJECTED
                    ? "; check omnidesk.staff-email and omnidesk.api-key (admin → Settings → API)" : "";
            throw new MissingSettingsException("Cannot start: could not look up " + names + " in Omnidesk: "
                    + e.getMessage() + advice + ". Set the numeric ids instead to start without the lookup.");
        }
        if (!outcome.problems().isEmpty()) {
            throw new MissingSettingsException("Cannot start: " + String.join("; ", outcome.problems())
                    + ". Run the 'check' command for the names Omnidesk knows.");
        }
        outcome.ids().forEach((key, id) -> {
            properties.addOverrideProperty(key, Long.toString(id));
            LOG.info("{} = {} (looked up by name in Omnidesk)", key, id);
        });
    }
}
