package dev.omnibridge.webhook;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rewrites a webhook body built by raw placeholder substitution into compact, valid JSON text for Jackson.
 *
 * <p>It is a lexer with a container stack, not a parser: it never builds values, it only decides where each
 * string ends and patches structure (missing values, commas, colons, closers). In raw mode everything between
 * a value's opening quote and its real closing quote is literal text, so the one hard decision is which
 * {@code "} closes a value. Candidates are quotes followed by {@code ,} {@code }} {@code ]} or the end.
 * Each gets a short look-ahead and a score (fixes it needs, template keys it would swallow, minus template
 * keys seen where the template puts them); the best few are then compared by reading the whole rest of the
 * body, the cheapest reading wins, ties going to the earliest quote. Costs penalise structural fixes, keys
 * that land where the template doesn't put them, duplicates and template keys swallowed into a value.
 *
 * <p>Work is bounded: a budget proportional to the body size caps the look-ahead, after which the first
 * candidate wins, and containers deeper than {@link #MAX_DEPTH} make the repair give up (returns null).
 * Not thread-safe; {@link #repair} creates one instance per call.
 */
final class RawJsonRepair {

    /** The template is 3 levels deep; anything much deeper is not a rule webhook. */
    static final int MAX_DEPTH = 64;

    // Costs of each reading. Only their order matters: a broken structure outweighs a misplaced key,
    // which outweighs template keys found inside a value, which outweighs quotes in a non-free-text value.
    private static final int MISSING_VALUE = 1;
    private static final int TRAILING_COMMA = 1;
    private static final int UNKNOWN_KEY = 1;
    private static final int OTHER_KEY_IN_CONTENT = 1;
    private static final int SUSPICIOUS_CONTENT = 2;
    private static final int KEY_IN_CONTENT = 3;
    private static final int MAX_KEYS_IN_CONTENT = 5;
    private static final int MISPLACED_KEY = 5;
    private static final int DUPLICATE_KEY = 5;
    private static final int BARE_TOKEN = 5;
    private static final int MISSING_CLOSER = 5;
    private static final int MISSING_COLON = 10;
    private static final int MISSING_COMMA = 10;
    private static final int MISMATCHED_CLOSER = 10;
    private static final int JUNK = 10;
    private static final int UNTERMINATED = 10;
    private static final int TRAILING_JUNK = 20;
    /** A reading that nests too deep is hopeless, so text full of brackets can't make a wrong reading win. */
    private static final int FAILED = 1_000_000;

    /** A short look-ahead cheaper than this found nothing worse than soft issues such as an engineer's extra key. */
    private static final int CLEAN_BELOW = MISPLACED_KEY;
    /** A template key confirmed by a look-ahead outweighs one swallowed into a value. */
    private static final int EVIDENCE_WEIGHT = KEY_IN_CONTENT;
    /** Most promising quote candidates compared by full look-ahead for one value string. */
    private static final int MAX_ROLLOUTS = 8;
    /** Tokens a short look-ahead reads; enough to see {@code }, "visitor": {"id":}. */
    private static final int PROBE_TOKENS = 12;
    private static final long BASE_BUDGET = 1_000_000;
    private static final long BUDGET_PER_CHAR = 100;
    /** Duplicate detection stops after this many keys in one object, keeping adversarial bodies linear. */
    private static final int MAX_TRACKED_KEYS = 64;
    private static final int MAX_NUMBER_LENGTH = 100;
    private static final int MAX_KEY_LENGTH = 64;
    private static final String STRUCTURAL = "{}[]:,\"";
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?");

    private enum Expect { ROOT, KEY_FIRST, KEY_NEXT, COLON, VALUE, ELEM_FIRST, ELEM_NEXT, AFTER, DONE }

    /** COMMIT writes output and compares candidates; ROLLOUT scores a reading; PROBE peeks a few tokens. */
    private enum Mode { COMMIT, ROLLOUT, PROBE }

    private record Keys(String key, Keys next, int size) {
    }

    /**
     * A quote that may close a value. Clean: the next few tokens need no real fix. Score: what the value
     * would contain, plus what the look-ahead had to fix, minus template keys it saw where they belong.
     */
    private record Candidate(int quote, boolean clean, long score) {
    }

    private static final Comparator<Candidate> MOST_PROMISING = Comparator
            .comparing((Candidate c) -> !c.clean())
            .thenComparingLong(Candidate::score)
            .thenComparingInt(Candidate::quote);

    /** One open container; immutable so look-ahead can fork the stack for free. */
    private record Frame(Frame parent, boolean object, String path, Keys keys, int depth) {

        boolean hasKey(String key) {
            for (Keys k = keys; k != null; k = k.next()) {
                if (k.key().equals(key)) {
                    return true;
                }
            }
            return false;
        }

        Frame withKey(String key) {
            int size = keys == null ? 0 : keys.size();
            return size >= MAX_TRACKED_KEYS ? this : new Frame(parent, object, path, new Keys(key, keys, size + 1), depth);
        }
    }

    private static final class State {
        final StringBuilder out;
        int pos;
        Frame top;
        Expect expect = Expect.ROOT;
        String key;
        long cost;
        /** Template keys met in the container where the template puts them: a sign of reading it right. */
        long evidence;
        boolean failed;

        State(StringBuilder out) {
            this.out = out;
        }

        State fork() {
            State f = new State(null);
            f.pos = pos;
            f.top = top;
            f.expect = expect;
            f.key = key;
            f.cost = cost;
            f.evidence = evidence;
            f.failed = failed;
            return f;
        }

        boolean expectsValue() {
            return expect == Expect.VALUE || expect == Expect.ELEM_FIRST || expect == Expect.ELEM_NEXT;
        }

        boolean afterComma() {
            return expect == Expect.KEY_NEXT || expect == Expect.ELEM_NEXT;
        }
    }

    private final String src;
    private final int n;
    private final boolean rawStrings;
    private long budget;

    private RawJsonRepair(String src, boolean rawStrings) {
        this.src = src;
        this.n = src.length();
        this.rawStrings = rawStrings;
        this.budget = BASE_BUDGET + BUDGET_PER_CHAR * n;
    }

    /**
     * @param body       the body, BOM already stripped
     * @param rawStrings true: string contents are literal text (raw placeholders); false: they are already
     *                   JSON-escaped and only structure and raw control characters are repaired
     * @return valid JSON text whose root is an object, or null when the body is beyond repair
     */
    static String repair(String body, boolean rawStrings) {
        RawJsonRepair repair = new RawJsonRepair(body, rawStrings);
        State state = new State(new StringBuilder(body.length() + 32));
        repair.run(state, Mode.COMMIT);
        return state.failed ? null : state.out.toString();
    }

    // ---- the token loop ----

    private void run(State s, Mode mode) {
        int tokens = 0;
        long guard = 4L * n + 16; // every state consumes a char within three steps; this only backs that up
        while (!s.failed) {
            if (guard-- < 0) {
                fail(s);
                return;
            }
            s.pos = skipWs(s.pos);
            if (s.pos >= n) {
                finishAtEof(s);
                return;
            }
            if (s.expect == Expect.DONE) {
                s.cost += TRAILING_JUNK; // whatever follows the root object is ignored
                s.pos = n;
                return;
            }
            char c = src.charAt(s.pos);
            if (c == '"' && s.expectsValue()) {
                if (mode == Mode.PROBE) {
                    return; // where that string ends is the next decision, not this one's
                }
                readValueString(s, mode);
            } else {
                step(s, c);
            }
            if (mode != Mode.COMMIT) {
                budget--;
                if (mode == Mode.PROBE && ++tokens >= PROBE_TOKENS) {
                    return;
                }
            }
        }
    }

    private void step(State s, char c) {
        switch (s.expect) {
            case ROOT -> onRoot(s, c);
            case KEY_FIRST, KEY_NEXT -> onKey(s, c);
            case COLON -> onColon(s, c);
            case VALUE, ELEM_FIRST, ELEM_NEXT -> onValue(s, c);
            case AFTER -> onAfter(s, c);
            default -> fail(s);
        }
    }

    private void onRoot(State s, char c) {
        if (c == '{') {
            open(s, true);
            return;
        }
        int brace = src.indexOf('{', s.pos);
        if (brace < 0) {
            fail(s);
            return;
        }
        s.cost += JUNK;
        s.pos = brace;
    }

    private void onKey(State s, char c) {
        switch (c) {
            case '"' -> readKey(s);
            case '}' -> {
                s.cost += s.expect == Expect.KEY_NEXT ? TRAILING_COMMA : 0;
                s.pos++;
                closeTop(s);
            }
            case ']' -> {
                s.cost += MISMATCHED_CLOSER;
                s.pos++;
                closeTop(s);
            }
            case ',' -> {
                s.cost += JUNK;
                s.pos++;
            }
            case ':', '{', '[' -> {
                s.cost += JUNK; // a value without a key: give it an empty one
                beginKey(s, "", 0, 0, true);
            }
            default -> {
                int start = s.pos;
                s.pos = bareEnd(start);
                s.cost += BARE_TOKEN;
                beginKey(s, src.substring(start, s.pos), start, s.pos, true);
            }
        }
    }

    private void onColon(State s, char c) {
        if (c == ':') {
            s.pos++;
        } else {
            s.cost += MISSING_COLON;
        }
        emit(s, ":");
        s.expect = Expect.VALUE;
    }

    private void onValue(State s, char c) {
        switch (c) {
            case '{' -> open(s, true);
            case '[' -> open(s, false);
            case '}', ']' -> onCloserInValue(s, c);
            case ',' -> onCommaInValue(s);
            case ':' -> {
                s.cost += JUNK;
                s.pos++;
            }
            default -> bareValue(s);
        }
    }

    private void onCloserInValue(State s, char c) {
        if (s.expect == Expect.ELEM_FIRST && c == ']') {
            s.pos++;
            closeTop(s);
            return;
        }
        if (s.expect == Expect.VALUE) {
            emit(s, "null"); // "chat_id": } — the placeholder was empty
            s.cost += MISSING_VALUE;
        } else {
            s.cost += TRAILING_COMMA;
        }
        s.expect = Expect.AFTER; // the closer itself is consumed there
    }

    private void onCommaInValue(State s) {
        if (s.expect == Expect.VALUE) {
            emit(s, "null");
            s.cost += MISSING_VALUE;
            s.expect = Expect.AFTER;
        } else {
            s.cost += MISSING_VALUE; // a hole in an array is dropped
            s.pos++;
        }
    }

    private void onAfter(State s, char c) {
        switch (c) {
            case ',' -> {
                s.pos++;
                s.expect = s.top.object() ? Expect.KEY_NEXT : Expect.ELEM_NEXT;
            }
            case '}', ']' -> {
                s.cost += (c == '}') == s.top.object() ? 0 : MISMATCHED_CLOSER;
                s.pos++;
                closeTop(s);
            }
            case ':' -> {
                s.cost += JUNK;
                s.pos++;
            }
            default -> {
                s.cost += MISSING_COMMA;
                s.expect = s.top.object() ? Expect.KEY_NEXT : Expect.ELEM_NEXT;
            }
        }
    }

    private void finishAtEof(State s) {
        switch (s.expect) {
            case ROOT -> {
                fail(s);
                return;
            }
            case COLON -> {
                emit(s, ":null");
                s.cost += MISSING_COLON;
            }
            case VALUE -> {
                emit(s, "null");
                s.cost += MISSING_VALUE;
            }
            case KEY_NEXT, ELEM_NEXT -> s.cost += TRAILING_COMMA;
            default -> {
            }
        }
        while (s.top != null) {
            s.cost += MISSING_CLOSER; // a truncated body, or a template missing its last brace
            closeTop(s);
        }
    }

    // ---- containers, keys, scalars ----

    private void open(State s, boolean object) {
        int depth = s.top == null ? 1 : s.top.depth() + 1;
        if (depth > MAX_DEPTH) {
            fail(s);
            return;
        }
        String path = s.top == null ? TemplateShape.ROOT
                : s.top.object() ? TemplateShape.childPath(s.top.path(), s.key) : null;
        emitSeparator(s);
        emit(s, object ? "{" : "[");
        s.top = new Frame(s.top, object, path, null, depth);
        s.expect = object ? Expect.KEY_FIRST : Expect.ELEM_FIRST;
        s.pos++;
    }

    private void closeTop(State s) {
        emit(s, s.top.object() ? "}" : "]");
        s.top = s.top.parent();
        s.expect = s.top == null ? Expect.DONE : Expect.AFTER;
    }

    /** Keys come from the template, never from a placeholder, so the first quote closes them. */
    private void readKey(State s) {
        int start = s.pos + 1;
        int end = rawStrings ? src.indexOf('"', start) : jsonStringEnd(start);
        if (end < 0 || end >= n) {
            end = n;
            s.cost += UNTERMINATED;
        }
        spend(end - start);
        s.pos = Math.min(end + 1, n);
        beginKey(s, src.substring(start, end), start, end, rawStrings);
    }

    private void beginKey(State s, String key, int from, int to, boolean literal) {
        emitSeparator(s);
        emitString(s, from, to, literal);
        int cost = keyCost(s.top, key);
        s.cost += cost;
        s.evidence += cost == 0 && isTemplateKeyOf(s.top, key) ? 1 : 0;
        s.top = s.top.withKey(key);
        s.key = key;
        s.expect = Expect.COLON;
    }

    private static int keyCost(Frame frame, String key) {
        if (frame.hasKey(key)) {
            return DUPLICATE_KEY;
        }
        Set<String> expected = TemplateShape.expectedKeys(frame.path());
        if (expected == null || expected.contains(key)) {
            return 0;
        }
        return TemplateShape.ALL_KEYS.contains(key) ? MISPLACED_KEY : UNKNOWN_KEY;
    }

    private static boolean isTemplateKeyOf(Frame frame, String key) {
        Set<String> expected = TemplateShape.expectedKeys(frame.path());
        return expected != null && expected.contains(key);
    }

    private void bareValue(State s) {
        int start = s.pos;
        s.pos = bareEnd(start);
        emitSeparator(s);
        if (isJsonLiteral(start, s.pos)) {
            emit(s, src.substring(start, s.pos));
        } else {
            s.cost += BARE_TOKEN; // e.g. "chat_id": abc — keep it as text so it is reported, not dropped
            emitString(s, start, s.pos, true);
        }
        s.expect = Expect.AFTER;
    }

    private boolean isJsonLiteral(int from, int to) {
        String token = src.substring(from, to);
        return token.equals("true") || token.equals("false") || token.equals("null")
                || token.length() <= MAX_NUMBER_LENGTH && JSON_NUMBER.matcher(token).matches();
    }

    // ---- value strings: where does the text end? ----

    private void readValueString(State s, Mode mode) {
        int start = s.pos + 1;
        int end = rawStrings ? chooseEnd(s, start, mode) : jsonStringEnd(start);
        emitSeparator(s);
        emitString(s, start, end, rawStrings);
        s.cost += stringCost(s, start, end);
        s.pos = Math.min(end + 1, n);
        s.expect = Expect.AFTER;
    }

    /** @return index of the closing quote, or n when the string runs to the end of the body */
    private int chooseEnd(State s, int start, Mode mode) {
        if (budget <= 0) {
            return firstCandidate(start);
        }
        List<Candidate> ranked = rankCandidates(s, start, mode == Mode.ROLLOUT);
        if (ranked.isEmpty()) {
            return budget > 0 ? n : firstCandidate(start);
        }
        if (mode == Mode.ROLLOUT || ranked.size() == 1) {
            return ranked.get(0).quote(); // inside a look-ahead the ranking alone decides
        }
        return cheapestReading(s, start, ranked.stream().limit(MAX_ROLLOUTS).map(Candidate::quote).sorted().toList());
    }

    /**
     * Every quote followed by structure, most promising first. Each gets a short look-ahead (cheap: most
     * quotes inside text fail at once), so the real end is found even behind hundreds of look-alikes, e.g.
     * in pasted JSON. Only clean ones compete unless there are none.
     *
     * @param firstConfirmed inside a look-ahead, stop at the first clean quote whose look-ahead met a template
     *                       key where it belongs: every real end in the template does, and it keeps rollouts cheap
     */
    private List<Candidate> rankCandidates(State s, int start, boolean firstConfirmed) {
        List<Candidate> found = new ArrayList<>();
        ContentScore content = new ContentScore(start);
        String key = s.top.object() ? s.key : null;
        for (int q = nextQuote(start); q >= 0 && budget > 0; q = nextQuote(q + 1)) {
            if (followedByStructure(q)) {
                State p = probe(s, q);
                long score = content.cost(key) + p.cost - EVIDENCE_WEIGHT * p.evidence;
                found.add(new Candidate(q, p.cost < CLEAN_BELOW, score));
                if (firstConfirmed && p.cost < CLEAN_BELOW && p.evidence > 0) {
                    return List.of(found.get(found.size() - 1));
                }
            }
            content.add(q); // a quote that doesn't close the value is part of it
        }
        boolean anyClean = found.stream().anyMatch(Candidate::clean);
        return found.stream().filter(c -> c.clean() || !anyClean).sorted(MOST_PROMISING).toList();
    }

    private int firstCandidate(int start) {
        for (int q = nextQuote(start); q >= 0; q = nextQuote(q + 1)) {
            if (followedByStructure(q)) {
                return q;
            }
        }
        return n;
    }

    private State probe(State s, int quote) {
        State p = s.fork();
        p.cost = 0;
        p.evidence = 0;
        p.pos = quote + 1;
        p.expect = Expect.AFTER;
        run(p, Mode.PROBE);
        return p;
    }

    /** Reads the whole rest of the body once per candidate and keeps the cheapest; ties go to the earliest. */
    private int cheapestReading(State s, int start, List<Integer> candidates) {
        int best = candidates.get(0);
        long bestCost = Long.MAX_VALUE;
        for (int q : candidates) {
            if (budget <= 0) {
                break;
            }
            State r = s.fork();
            r.cost = stringCost(r, start, q);
            r.pos = q + 1;
            r.expect = Expect.AFTER;
            run(r, Mode.ROLLOUT);
            if (r.cost < bestCost) {
                bestCost = r.cost;
                best = q;
                if (bestCost == 0) {
                    break;
                }
            }
        }
        return best;
    }

    private int stringCost(State s, int start, int end) {
        int cost = end >= n ? UNTERMINATED : 0;
        if (rawStrings) {
            ContentScore content = new ContentScore(start);
            for (int q = nextQuote(start); q >= 0 && q < end; q = nextQuote(q + 1)) {
                content.add(q);
            }
            cost += content.cost(s.top.object() ? s.key : null);
        }
        return cost;
    }

    /**
     * How unlike a value the text before a candidate quote is, built quote by quote. A value that swallowed
     * structure contains {@code , "key":} patterns (worse if the key is the template's); one that isn't free
     * text (kind, event, ids) rarely contains a quote followed by structure at all. A pattern never reaches
     * past the next quote, so each quote's share doesn't depend on where the value finally ends.
     */
    private final class ContentScore {
        private final int start;
        private int keys;
        private int cost;
        private boolean suspicious;

        ContentScore(int start) {
            this.start = start;
        }

        void add(int quote) {
            int keyCost = keyPatternCost(quote, start);
            if (keyCost > 0) {
                cost += keys++ < MAX_KEYS_IN_CONTENT ? keyCost : 0;
            } else if (structureAfter(quote)) {
                suspicious = true;
            }
        }

        int cost(String key) {
            return suspicious && !TemplateShape.isFreeText(key) ? cost + SUSPICIOUS_CONTENT : cost;
        }
    }

    /** Cost of a {@code , "key":} or {@code { "key":} pattern whose key opens at {@code quote}; 0 if none. */
    private int keyPatternCost(int quote, int start) {
        int before = quote - 1;
        while (before >= start && isWs(src.charAt(before))) {
            before--;
        }
        if (before < start || (src.charAt(before) != ',' && src.charAt(before) != '{')) {
            return 0;
        }
        int close = -1;
        for (int i = quote + 1; i < n && i <= quote + MAX_KEY_LENGTH && close < 0; i++) {
            char c = src.charAt(i);
            if (c == '\n' || c == '\r') {
                return 0;
            }
            close = c == '"' ? i : -1;
        }
        int colon = close < 0 ? n : skipWs(close + 1);
        if (colon >= n || src.charAt(colon) != ':') {
            return 0;
        }
        return TemplateShape.ALL_KEYS.contains(src.substring(quote + 1, close)) ? KEY_IN_CONTENT : OTHER_KEY_IN_CONTENT;
    }

    private boolean structureAfter(int quote) {
        int i = skipWs(quote + 1);
        return i < n && ",:}]".indexOf(src.charAt(i)) >= 0;
    }

    /** The brief's rule: a closing quote is followed by {@code ,} {@code }} {@code ]} or the end of the body. */
    private boolean followedByStructure(int quote) {
        int i = skipWs(quote + 1);
        spend(i - quote);
        return i >= n || ",}]".indexOf(src.charAt(i)) >= 0;
    }

    private int nextQuote(int from) {
        int q = src.indexOf('"', from);
        spend((q < 0 ? n : q) - from + 1);
        return q;
    }

    /** JSON-escaped strings end at the first unescaped quote. */
    private int jsonStringEnd(int start) {
        for (int i = start; i < n; i++) {
            char c = src.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return n;
    }

    // ---- output ----

    private static void emit(State s, String text) {
        if (s.out != null) {
            s.out.append(text);
        }
    }

    private static void emitSeparator(State s) {
        if (s.afterComma()) {
            emit(s, ",");
        }
    }

    /** Writes a string's content between quotes: literal text fully escaped, escaped text kept valid. */
    private void emitString(State s, int from, int to, boolean literal) {
        if (s.out != null) {
            s.out.append('"');
            if (literal) {
                JsonStrings.appendLiteral(s.out, src, from, to);
            } else {
                JsonStrings.appendEscaped(s.out, src, from, to);
            }
            s.out.append('"');
        }
    }

    // ---- helpers ----

    private int skipWs(int i) {
        while (i < n && isWs(src.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Outside strings, control characters and Unicode spaces are layout, never content. */
    private static boolean isWs(char c) {
        return c <= ' ' || c == '\uFEFF' || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private int bareEnd(int start) {
        int i = start;
        while (i < n && !isWs(src.charAt(i)) && STRUCTURAL.indexOf(src.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    private void spend(long units) {
        budget -= units;
    }

    private static void fail(State s) {
        s.failed = true;
        s.cost += FAILED;
    }
}
