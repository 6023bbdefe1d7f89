package dev.omnibridge.bot.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a scenario file (a path, {@code file:path} or {@code classpath:resource}) and compiles it. Every failure
 * becomes one {@link IllegalArgumentException} line starting with the location, e.g.
 * {@code scenario.yaml: unknown key 'reponse' at intents[2] (near line 14); allowed: handoff, id, ...}.
 */
final class ScenarioLoader {

    static final String CLASSPATH_PREFIX = "classpath:";
    static final String FILE_PREFIX = "file:";

    private static final ObjectMapper MAPPER = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY) // "keywords: доставк*" works too
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION) // a copy-pasted second "reply:" is an error
            .build();

    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");
    private static final Pattern INTENT = Pattern.compile("intent '([^']+)'");

    private ScenarioLoader() {}

    static CompiledScenario load(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("scenario location is not set");
        }
        String yaml = null;
        try {
            yaml = read(location);
            return ScenarioCompiler.compile(parse(yaml));
        } catch (IllegalArgumentException e) {
            String message = oneLine(e.getMessage());
            throw new IllegalArgumentException(location + ": " + message + lineOf(yaml, message), e);
        }
    }

    /**
     * A problem found after parsing (a placeholder, a pattern, an intent's reference) says what is wrong but not where:
     * the line of the intent it names, or else of the first quoted text, so the author finds it (the playground's
     * reload and {@code validate} show it). "" when the file does not show it.
     */
    static String lineOf(String yaml, String message) {
        if (yaml == null || message.contains("(line ") || message.contains("(near line ")) {
            return "";
        }
        // "intent 'delivery' …": where that intent starts; otherwise where the first quoted text is
        Matcher intent = INTENT.matcher(message);
        int found = -1;
        if (intent.lookingAt()) {
            Matcher id = Pattern.compile("^[ \\t]*-?[ \\t]*id:[ \\t]*['\"]?" + Pattern.quote(intent.group(1)) + "['\"]?[ \\t]*(#.*)?$",
                    Pattern.MULTILINE).matcher(yaml);
            found = id.find() ? id.start() : -1;
        }
        Matcher quoted = QUOTED.matcher(message);
        if (found < 0 && quoted.find() && quoted.group(1).length() > 1) {
            found = yaml.indexOf(quoted.group(1));
        }
        return found < 0 ? "" : " (line " + (yaml.substring(0, found).chars().filter(c -> c == '\n').count() + 1) + ")";
    }

    static Scenario parse(String yaml) {
        if (yaml.isBlank()) {
            throw new IllegalArgumentException("the file is empty");
        }
        try {
            Scenario scenario = MAPPER.readValue(yaml, Scenario.class);
            if (scenario == null) {
                throw new IllegalArgumentException("the file is empty");
            }
            return scenario;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(describe(e), e);
        }
    }

    private static String describe(JsonProcessingException e) {
        MarkedYAMLException yamlError = cause(e, MarkedYAMLException.class);
        if (yamlError != null) {
            Mark mark = yamlError.getProblemMark(); // zero-based
            String at = mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1)
                    + ")";
            String context = yamlError.getContext() == null ? "" : yamlError.getContext() + ": ";
            return "invalid YAML" + at + ": " + context + yamlError.getProblem();
        }
        StreamReadException syntaxError = cause(e, StreamReadException.class);
        if (syntaxError != null) {
            return "invalid YAML" + at(syntaxError.getLocation()) + ": "
                    + firstSentence(syntaxError.getOriginalMessage());
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String allowed = unknown.getKnownPropertyIds() == null ? ""
                    : "; allowed: " + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                            .collect(Collectors.joining(", "));
            // Jackson's path ends with the unknown key itself; name where it sits instead.
            // The location is the key's value, which for a nested mapping starts on the next line.
            JsonLocation location = unknown.getLocation();
            String near = location == null || location.getLineNr() <= 0
                    ? "" : " (near line " + location.getLineNr() + ")";
            return "unknown key '" + unknown.getPropertyName() + "'" + where(unknown, 1) + near + allowed;
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getPath().isEmpty()
                && String.valueOf(mismatch.getOriginalMessage()).startsWith("No content")) {
            return "the file is empty";
        }
        if (e instanceof JsonMappingException mapping) {
            return "wrong value" + where(mapping, 0) + at(mapping.getLocation()) + ": "
                    + withoutJavaNoise(firstSentence(mapping.getOriginalMessage()));
        }
        return "cannot read the scenario" + at(e.getLocation()) + ": " + firstSentence(e.getOriginalMessage());
    }

    /** Jackson wraps a YAML syntax error found mid-mapping in a mapping exception; the syntax error is the news. */
    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String read(String location) {
        byte[] bytes;
        try {
            if (location.startsWith(CLASSPATH_PREFIX)) {
                bytes = readResource(location.substring(CLASSPATH_PREFIX.length()).strip());
            } else {
                String file = location.startsWith(FILE_PREFIX) ? location.substring(FILE_PREFIX.length()) : location;
                Path path = Path.of(file.strip());
                if (Files.isDirectory(path)) {
                    throw new IllegalArgumentException("is a directory, not a scenario file");
                }
                bytes = Files.readAllBytes(path);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("scenario file not found");
        } catch (IOException e) {
            throw new IllegalArgumentException("scenario file cannot be read: " + e, e);
        }
        try {
            // Strict decoding: a file saved as Windows-1251 would otherwise load with garbled keywords.
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text; // Notepad's byte-order mark
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the file is not valid UTF-8; save it as UTF-8");
        }
    }

    private static byte[] readResource(String resource) throws IOException {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        InputStream in = loader == null ? null : loader.getResourceAsStream(name);
        if (in == null) {
            in = ScenarioLoader.class.getClassLoader().getResourceAsStream(name);
        }
        if (in == null) {
            throw new NoSuchFileException(name);
        }
        try (InputStream stream = in) {
            return stream.readAllBytes();
        }
    }

    /** " at intents[2].keywords" from Jackson's path (minus the last {@code drop} steps); empty at the top level. */
    private static String where(JsonMappingException e, int drop) {
        StringBuilder path = new StringBuilder();
        List<JsonMappingException.Reference> references = e.getPath();
        for (JsonMappingException.Reference reference : references.subList(0, Math.max(0, references.size() - drop))) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "" : " at " + path;
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() <= 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** Jackson and SnakeYAML messages run over several lines with source excerpts; the first sentence is enough. */
    private static String firstSentence(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable content";
        }
        return oneLine(message.strip().lines().findFirst().orElse(message));
    }

    /** "Cannot deserialize value of type Integer from String "many"" is enough for a YAML author. */
    private static String withoutJavaNoise(String message) {
        return message
                .replaceAll("`(?:[a-z][a-z0-9_]*\\.)+([A-Za-z][A-Za-z0-9_]*)`", "$1")
                .replaceAll(" \\(token `?JsonToken\\.[A-Z_]+`?\\)", "")
                .replace(" (although at least one Creator exists)", "");
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
