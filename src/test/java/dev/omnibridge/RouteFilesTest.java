package dev.omnibridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Build-time validation of every route file, so that a typo fails the build and not production: each file must
 * match the Camel YAML DSL schema, every static endpoint URI must resolve with its options (placeholders filled from
 * application.properties), and every bean must be buildable from its class as written.
 */
class RouteFilesTest {

    private static final Path ROUTES = Path.of("src/main/resources/routes");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static JsonSchema schema;
    private static DefaultCamelContext camel;

    @BeforeAll
    static void setUp() throws IOException {
        try (InputStream in = DefaultCamelContext.class.getClassLoader()
                .getResourceAsStream("schema/camelYamlDsl.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                    .getSchema(new ObjectMapper().readTree(in));
        }
        Properties settings = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            settings.load(in);
        }
        // The mandatory settings are empty in the shipped file; any well-formed value will do here.
        settings.put("omnidesk.base-url", "https://acme.omnidesk.ru");
        settings.put("omnidesk.staff-email", "bot@acme.example");
        settings.put("omnidesk.api-key", "validation-key");
        settings.put("omnidesk.bot-staff-id", "1");
        settings.put("omnidesk.bot-label-id", "2");
        settings.put("webhook.secret", "validation-secret-0123456789");
        camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setInitialProperties(settings);
    }

    @AfterAll
    static void tearDown() throws IOException {
        camel.close();
    }

    static Stream<Path> routeFiles() throws IOException {
        try (Stream<Path> files = Files.list(ROUTES)) {
            List<Path> list = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertThat(list).isNotEmpty();
            return list.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void matchesTheYamlDslSchema(Path file) throws IOException {
        Set<ValidationMessage> problems = schema.validate(YAML.readTree(file.toFile()));
        assertThat(problems).as(file.getFileName().toString()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void staticEndpointUrisResolve(Path file) throws IOException {
        for (String uri : endpointUris(YAML.readTree(file.toFile()))) {
            // Template parameters ({{lane}}) are filled per instance; any lane number will do.
            String resolved = camel.resolvePropertyPlaceholders(uri.replace("{{lane}}", "0"));
            assertThat(camel.getEndpoint(resolved)).as("%s: %s", file.getFileName(), uri).isNotNull();
        }
    }

    /**
     * The routes branch on Java constants by name ({@code ${type:dev.omnibridge.dialog.Verdict.BOT}}): a constant that
     * was renamed or removed fails here, not in the middle of a customer's turn.
     */
    @ParameterizedTest
    @MethodSource("routeFiles")
    void javaConstantsNamedInRoutesExist(Path file) throws IOException {
        java.util.regex.Matcher constant = java.util.regex.Pattern.compile("\\$\\{type:([\\w.$]+)\\.(\\w+)}")
                .matcher(Files.readString(file));
        while (constant.find()) {
            String where = file.getFileName() + ": " + constant.group();
            try {
                Class<?> owner = Class.forName(constant.group(1), false, RouteFilesTest.class.getClassLoader());
                assertThat(Modifier.isStatic(owner.getField(constant.group(2)).getModifiers())).as(where).isTrue();
            } catch (ClassNotFoundException | NoSuchFieldException e) {
                throw new AssertionError(where + " names no public static constant", e);
            }
        }
    }

    /**
     * Camel builds each bean of a route file by reflection when the bridge starts; whatever it would trip over is
     * found here: a type that is not a class, no public no-arg constructor, a property without a setter, an init or
     * destroy method that does not exist, a {@code #bean:} reference to a bean not defined above or of a type the
     * setter does not take. All problems are listed at once.
     */
    @Test
    void beanDefinitionsFitTheirClasses() throws IOException {
        List<String> problems = new ArrayList<>();
        int beans = 0;
        for (Path file : routeFiles().toList()) {
            Map<String, Class<?>> definedAbove = new HashMap<>();
            for (JsonNode list : YAML.readTree(file.toFile()).findValues("beans")) {
                for (JsonNode bean : list) {
                    beans++;
                    problems.addAll(beanProblems(file.getFileName() + ": bean '" + bean.path("name").asText() + "'",
                            bean, definedAbove));
                }
            }
        }
        assertThat(beans).as("beans defined under %s", ROUTES).isPositive();
        assertThat(problems).as("bean definitions Camel could not build").isEmpty();
    }

    private static List<String> factoryProblems(String where, JsonNode bean, Class<?> beanClass) {
        String factory = bean.path("factoryBean").asText(beanClass.getName());
        String method = bean.path("factoryMethod").asText();
        int arguments = bean.path("constructors").size();
        try {
            Class<?> factoryClass = Class.forName(factory, false, RouteFilesTest.class.getClassLoader());
            boolean found = java.util.Arrays.stream(factoryClass.getMethods())
                    .anyMatch(m -> m.getName().equals(method) && Modifier.isStatic(m.getModifiers())
                            && m.getParameterCount() == arguments && beanClass.isAssignableFrom(m.getReturnType()));
            return found ? List.of() : List.of(where + ": " + factory + " has no public static " + method + " with "
                    + arguments + " argument(s) returning " + beanClass.getName());
        } catch (ClassNotFoundException | LinkageError e) {
            return List.of(where + ": factoryBean '" + factory + "' is not a loadable class");
        }
    }

    private static List<String> beanProblems(String where, JsonNode bean, Map<String, Class<?>> definedAbove) {
        List<String> problems = new ArrayList<>();
        String type = bean.path("type").asText().replaceFirst("^#class:", "");
        Class<?> beanClass;
        try {
            beanClass = Class.forName(type, false, RouteFilesTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add(where + ": type '" + type + "' is not a loadable class");
            return problems;
        }
        if (bean.has("factoryMethod")) {
            // Built by a static factory method (of another class, or of the type itself): the type may be an interface.
            problems.addAll(factoryProblems(where, bean, beanClass));
        } else if (!Modifier.isPublic(beanClass.getModifiers()) || Modifier.isAbstract(beanClass.getModifiers())) {
            problems.add(where + ": " + type + " is not a public concrete class");
        }
        if (!bean.has("constructors") && !bean.has("factoryMethod") && !hasPublicNoArgConstructor(beanClass)) {
            problems.add(where + ": " + type + " has no public no-arg constructor");
        }
        for (String lifecycle : List.of("initMethod", "destroyMethod")) {
            String method = bean.path(lifecycle).asText();
            if (!method.isEmpty() && publicMethod(beanClass, method, 0) == null) {
                problems.add(where + ": " + lifecycle + " " + method + "() is not a public method of " + type);
            }
        }
        for (var it = bean.path("properties").fields(); it.hasNext(); ) {
            var property = it.next();
            String setterName = "set" + Character.toUpperCase(property.getKey().charAt(0))
                    + property.getKey().substring(1);
            Method setter = publicMethod(beanClass, setterName, 1);
            if (setter == null) {
                problems.add(where + ": property '" + property.getKey() + "' has no setter " + setterName + "(…) in "
                        + type);
                continue;
            }
            String value = property.getValue().asText();
            if (value.startsWith("#bean:")) {
                String ref = value.substring("#bean:".length());
                Class<?> refClass = definedAbove.get(ref);
                if (refClass == null) {
                    problems.add(where + ": property '" + property.getKey() + "' refers to bean '" + ref
                            + "', which is not defined above it");
                } else if (!setter.getParameterTypes()[0].isAssignableFrom(refClass)) {
                    problems.add(where + ": property '" + property.getKey() + "' gets a " + refClass.getName()
                            + " but " + setterName + " takes a " + setter.getParameterTypes()[0].getName());
                }
            }
        }
        definedAbove.put(bean.path("name").asText(), beanClass);
        return problems;
    }

    private static boolean hasPublicNoArgConstructor(Class<?> type) {
        try {
            type.getConstructor();
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static Method publicMethod(Class<?> type, String name, int parameters) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name) && m.getParameterCount() == parameters)
                .findFirst().orElse(null);
    }

    /** The URIs of from/to/enrich steps; dynamic ones (toD, ${...}) are checked only by the end-to-end tests. */
    private static List<String> endpointUris(JsonNode node) {
        List<String> uris = new ArrayList<>();
        collect(node, uris);
        return uris;
    }

    private static void collect(JsonNode node, List<String> uris) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                String key = field.getKey();
                JsonNode value = field.getValue();
                if (key.equals("toD")) {
                    return;
                }
                if ((key.equals("to") || key.equals("from")) && value.isTextual()) {
                    uris.add(value.asText());
                } else if ((key.equals("to") || key.equals("from")) && value.has("uri")) {
                    uris.add(withParameters(value));
                }
                collect(value, uris);
            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, uris));
        }
    }

    private static String withParameters(JsonNode endpoint) {
        StringBuilder uri = new StringBuilder(endpoint.get("uri").asText());
        JsonNode parameters = endpoint.path("parameters");
        char separator = uri.indexOf("?") < 0 ? '?' : '&';
        for (var it = parameters.fields(); it.hasNext(); ) {
            var parameter = it.next();
            uri.append(separator).append(parameter.getKey()).append('=').append(parameter.getValue().asText());
            separator = '&';
        }
        return uri.toString();
    }
}
