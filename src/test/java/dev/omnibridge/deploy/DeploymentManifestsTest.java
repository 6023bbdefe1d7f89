package dev.omnibridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.omnibridge.setup.NameResolution;
import dev.omnibridge.setup.SettingValues;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the deployment artefacts ({@code Dockerfile}, {@code deploy/kubernetes}, {@code deploy/kubernetes-cluster},
 * {@code deploy/camel-k}) in step with what the application really serves and reads: ports and the shutdown timeout
 * come from {@code src/main/resources/application.properties}, so changing a port (or a setting's name) in one place
 * only fails here. The single-replica assertions read {@code deploy/kubernetes} only; cluster mode
 * ({@code deploy/kubernetes-cluster}, a kustomize overlay of it) is checked on the objects the overlay produces.
 */
class DeploymentManifestsTest {

    // What the bridge serves (camel-platform-http-main management server) and how the image is laid out.
    static final String LIVE_PATH = "/observe/health/live";
    static final String READY_PATH = "/observe/health/ready";
    static final String METRICS_PATH = "/observe/metrics";
    static final String IMAGE_JAR = "/app/bridge.jar";
    static final String IMAGE_WORKDIR = "/app";
    static final String ROUTES_DIR = "/etc/bridge/routes";
    static final String SCENARIO_DIR = "/etc/bridge/scenario";
    static final String SECRET_NAME = "bridge-secrets";
    static final String CONFIG_NAME = "bridge-config";
    /** Seconds Kubernetes must leave on top of Camel's own shutdown timeout. */
    static final int SHUTDOWN_MARGIN = 5;
    /** Settings without which the bridge refuses to start (besides the bot's ids, which may be given by name). */
    static final List<String> MANDATORY = List.of("OMNIDESK_BASE_URL", "OMNIDESK_STAFF_EMAIL", "OMNIDESK_API_KEY",
            "WEBHOOK_SECRET");
    /** The ids the bridge cannot start without; each may be given by id or by name (NameResolution). */
    static final List<NameResolution.Target> MANDATORY_BY_ID_OR_NAME =
            NameResolution.TARGETS.stream().filter(NameResolution.Target::mandatory).toList();
    static final List<String> SECRET_SETTINGS = List.of("OMNIDESK_API_KEY", "WEBHOOK_SECRET", "TELEGRAM_TOKEN",
            "TELEGRAM_WEBHOOK_SECRET");
    /** Environment variables the containers may set that are not settings of the bridge. */
    static final Set<String> NON_SETTING_ENV = Set.of("JAVA_TOOL_OPTIONS");
    /** The cluster-mode overlay of deploy/kubernetes. */
    static final String CLUSTER = "kubernetes-cluster";
    /** Cluster mode's Redis URL: may hold a password, so only ever from the Secret. */
    static final String REDIS_URL = "REDIS_URL";

    static final Path BASE = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    static final Path DEPLOY = BASE.resolve("deploy");
    /** Duplicate keys are an error, not "last one wins". */
    static final YAMLMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    static final ObjectMapper JSON = new ObjectMapper();

    static Properties settings;
    static Map<String, String> settingByEnvName;
    static int serverPort;
    static int managementPort;
    static int shutdownTimeout;
    static Map<Path, List<JsonNode>> manifests;
    /** What {@code kubectl kustomize deploy/kubernetes-cluster} produces, as far as this test can tell; see cluster(). */
    private static List<JsonNode> cluster;

    @BeforeAll
    static void load() throws IOException {
        settings = new Properties();
        try (Reader in = Files.newBufferedReader(
                BASE.resolve("src/main/resources/application.properties"), StandardCharsets.UTF_8)) {
            settings.load(in);
        }
        settingByEnvName = new HashMap<>();
        for (String key : settings.stringPropertyNames()) {
            settingByEnvName.put(envName(key), key);
        }
        serverPort = Integer.parseInt(setting("camel.server.port"));
        managementPort = Integer.parseInt(setting("camel.management.port"));
        shutdownTimeout = Integer.parseInt(setting("camel.main.shutdown-timeout"));

        manifests = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            for (Path file : files.filter(DeploymentManifestsTest::isYaml).sorted().toList()) {
                manifests.put(file, parseAll(file));
            }
        }
    }

    /** The environment variable that overrides a setting; the application's own rule, so the two cannot drift. */
    static String envName(String key) {
        return SettingValues.envName(key);
    }

    @Test
    void envNameFollowsTheDocumentedRule() {
        assertThat(envName("omnidesk.base-url")).isEqualTo("OMNIDESK_BASE_URL");
        assertThat(envName("camel.main.routes-include-pattern")).isEqualTo("CAMEL_MAIN_ROUTES_INCLUDE_PATTERN");
        assertThat(settingByEnvName).containsKeys("OMNIDESK_API_KEY", "WEBHOOK_SECRET", "BOT_SCENARIO",
                "BRIDGE_DATA_DIR", "CAMEL_MAIN_ROUTES_INCLUDE_PATTERN");
    }

    // ------------------------------------------------------------------------------------------------ well-formed

    @Test
    void everyYamlFileUnderDeployIsWellFormed() {
        assertThat(manifests.keySet()).extracting(p -> DEPLOY.relativize(p).toString().replace('\\', '/'))
                .contains("kubernetes/deployment.yaml", "kubernetes/service.yaml", "kubernetes/configmap.yaml",
                        "kubernetes/secret.yaml", "kubernetes/pvc.yaml", "kubernetes/kustomization.yaml",
                        "camel-k/integration.yaml", "camel-k/service.yaml", CLUSTER + "/kustomization.yaml",
                        CLUSTER + "/deployment-patch.yaml", CLUSTER + "/configmap-patch.yaml",
                        CLUSTER + "/pvc-delete.yaml", CLUSTER + "/pdb.yaml", CLUSTER + "/kafka-topic.yaml");
        manifests.forEach((file, docs) -> {
            assertThat(docs).as("documents in %s", file).isNotEmpty();
            for (JsonNode doc : docs) {
                assertThat(doc.isObject()).as("%s holds a mapping", file).isTrue();
                assertThat(text(doc, "apiVersion")).as("apiVersion in %s", file).isNotBlank();
                assertThat(text(doc, "kind")).as("kind in %s", file).isNotBlank();
                if (!"Kustomization".equals(text(doc, "kind"))) {
                    assertThat(text(doc, "metadata", "name")).as("metadata.name in %s", file).isNotBlank();
                }
            }
        });
    }

    @Test
    void kustomizationListsEveryKubernetesManifest() throws IOException {
        JsonNode kustomization = single("kubernetes/kustomization.yaml");
        Set<String> listed = new TreeSet<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> present;
        try (Stream<Path> files = Files.list(DEPLOY.resolve("kubernetes"))) {
            present = files.filter(DeploymentManifestsTest::isYaml).map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("kustomization.")).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(present).as("files behind kustomization resources").containsAll(listed);
        // secret.yaml holds placeholders; it may be dropped once the Secret is managed out of band.
        Set<String> required = new TreeSet<>(present);
        required.remove("secret.yaml");
        assertThat(listed).as("kustomization resources").containsAll(required);
        String image = text(kustomization, "images", "0", "name");
        assertThat(image).as("kustomize images[0].name matches the Deployment's image")
                .isEqualTo(container().path("image").asText().replaceFirst(":[^:/]+$", ""));
    }

    // ----------------------------------------------------------------------------------------------- Deployment

    @Test
    void deploymentRunsExactlyOnePodThatNeverOverlapsItsPredecessor() {
        JsonNode spec = deployment().path("spec");
        assertThat(spec.path("replicas").asInt(-1)).isEqualTo(1);
        assertThat(text(spec, "strategy", "type")).isEqualTo("Recreate");
        Map<String, String> selector = stringMap(spec.path("selector").path("matchLabels"));
        assertThat(selector).isNotEmpty();
        assertThat(stringMap(spec.path("template").path("metadata").path("labels"))).containsAllEntriesOf(selector);
        assertThat(spec.path("template").path("spec").path("containers")).hasSize(1);
        assertThat(container().path("image").asText()).isNotBlank();
    }

    @Test
    void deploymentPortsAndProbesAreTheOnesTheBridgeServes() {
        JsonNode container = container();
        Map<String, Integer> ports = containerPorts(container);
        assertThat(ports).containsEntry("webhook", serverPort).containsEntry("management", managementPort);

        assertProbe(container, "startupProbe", LIVE_PATH, ports);
        assertProbe(container, "livenessProbe", LIVE_PATH, ports);
        assertProbe(container, "readinessProbe", READY_PATH, ports);

        Map<String, String> annotations = stringMap(deployment().path("spec").path("template").path("metadata")
                .path("annotations"));
        if (annotations.containsKey("prometheus.io/scrape")) {
            assertThat(annotations).containsEntry("prometheus.io/port", Integer.toString(managementPort))
                    .containsEntry("prometheus.io/path", METRICS_PATH);
        }
    }

    @Test
    void deploymentLeavesCamelTimeToShutDownGracefully() {
        JsonNode pod = deployment().path("spec").path("template").path("spec");
        int grace = pod.path("terminationGracePeriodSeconds").asInt(30); // Kubernetes' default
        int preStop = preStopSleepSeconds(container());
        assertThat(grace).as("terminationGracePeriodSeconds >= preStop %ss + camel.main.shutdown-timeout %ss + %ss",
                preStop, shutdownTimeout, SHUTDOWN_MARGIN).isGreaterThanOrEqualTo(
                        preStop + shutdownTimeout + SHUTDOWN_MARGIN);
    }

    @Test
    void deploymentIsLockedDown() {
        JsonNode pod = deployment().path("spec").path("template").path("spec");
        JsonNode container = container();
        boolean nonRoot = pod.path("securityContext").path("runAsNonRoot").asBoolean(false)
                || container.path("securityContext").path("runAsNonRoot").asBoolean(false);
        assertThat(nonRoot).as("runAsNonRoot").isTrue();
        assertThat(pod.path("securityContext").path("runAsUser").asInt(0)).isNotZero();
        assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean(false)).isTrue();
        assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(volumeOf(pod, mountAt(container, "/tmp")).has("emptyDir"))
                .as("/tmp is a writable emptyDir").isTrue();
        for (String kind : List.of("requests", "limits")) {
            assertThat(text(container, "resources", kind, "memory")).as("resources.%s.memory", kind).isNotBlank();
        }
        assertThat(text(container, "resources", "requests", "cpu")).isNotBlank();
    }

    @Test
    void dataDirectoryIsThePersistentVolumeAndOptionalConfigMapsAreMounted() {
        JsonNode pod = deployment().path("spec").path("template").path("spec");
        JsonNode container = container();
        String dataDir = dataDirOnKubernetes();
        JsonNode data = volumeOf(pod, mountAt(container, dataDir));
        String claim = text(data, "persistentVolumeClaim", "claimName");
        assertThat(claim).as("the volume at %s is a PersistentVolumeClaim", dataDir).isNotBlank();
        JsonNode pvc = object("kubernetes/pvc.yaml", "PersistentVolumeClaim", claim);
        assertThat(pvc.path("spec").path("accessModes").toString()).contains("ReadWriteOnce");

        JsonNode routes = volumeOf(pod, mountAt(container, ROUTES_DIR));
        assertThat(text(routes, "configMap", "name")).isEqualTo("bridge-routes");
        assertThat(routes.path("configMap").path("optional").asBoolean(false)).isTrue();
        JsonNode scenario = volumeOf(pod, mountAt(container, SCENARIO_DIR));
        assertThat(text(scenario, "configMap", "name")).isEqualTo("bridge-scenario");
        assertThat(scenario.path("configMap").path("optional").asBoolean(false)).isTrue();

        // If the ConfigMap switches routes or scenario to files, they must be under the mounted directories.
        Map<String, String> config = configMapData();
        String pattern = config.get("CAMEL_MAIN_ROUTES_INCLUDE_PATTERN");
        if (pattern != null && pattern.startsWith("file:")) {
            assertThat(pattern).startsWith("file:" + ROUTES_DIR + "/");
        }
        String scenarioFile = config.get("BOT_SCENARIO");
        if (scenarioFile != null && !scenarioFile.startsWith("classpath:")) {
            assertThat(scenarioFile.replaceFirst("^file:", "")).startsWith(SCENARIO_DIR + "/");
        }
    }

    // ------------------------------------------------------------------------------------- settings and secrets

    @Test
    void configMapAndSecretKeysAreRealSettings() {
        Map<String, String> config = configMapData();
        Set<String> secret = secretKeys();
        assertThat(notSettings(config.keySet())).as("ConfigMap keys that are no setting in application.properties")
                .isEmpty();
        assertThat(notSettings(secret)).as("Secret keys that are no setting in application.properties").isEmpty();
        assertThat(secret).containsAll(SECRET_SETTINGS);
        assertThat(config.keySet()).as("secrets must not be in the ConfigMap").doesNotContainAnyElementsOf(SECRET_SETTINGS);

        Set<String> provided = new HashSet<>(config.keySet());
        provided.addAll(secret);
        assertThat(provided).as("mandatory settings").containsAll(MANDATORY);
        assertIdOrNameProvided(provided);
        assertNoIgnoredPortVariables(config.keySet());
    }

    @Test
    void configMapGivesTheBotByNameAndNoIdThatIsNotANumber() {
        Map<String, String> config = configMapData();
        // A placeholder such as "change-me" in an id stops the start and also blocks the name, which is only looked
        // up while the id is empty or 0: an id is either absent or a number.
        config.forEach((name, value) -> {
            if (name.endsWith("_ID")) {
                assertThat(value).as("%s in configmap.yaml", name).matches("\\d{1,18}");
            }
        });
        // The bot's staff member and label come from their names, by the application's own rule.
        Map<String, String> values = new HashMap<>();
        config.forEach((name, value) -> values.put(settingByEnvName.getOrDefault(name, name), value));
        SettingValues bySetting = SettingValues.of(values);
        for (NameResolution.Target target : MANDATORY_BY_ID_OR_NAME) {
            assertThat(bySetting.get(target.nameKey())).as("%s in configmap.yaml", envName(target.nameKey()))
                    .isNotBlank();
            assertThat(NameResolution.source(bySetting, target)).as("where the %s comes from", target.role())
                    .isEqualTo(NameResolution.Source.NAME);
        }
    }

    @Test
    void deploymentTakesSettingsFromTheConfigMapAndSecrets() {
        JsonNode container = container();
        List<String> configMaps = new ArrayList<>();
        container.path("envFrom").forEach(from -> {
            if (from.has("configMapRef")) {
                configMaps.add(text(from, "configMapRef", "name"));
            }
            assertThat(from.has("secretRef")).as("secrets are referenced key by key").isFalse();
        });
        assertThat(configMaps).containsExactly(CONFIG_NAME);

        Set<String> secret = secretKeys();
        Map<String, String> secretRefs = new HashMap<>();
        Set<String> names = new HashSet<>();
        container.path("env").forEach(env -> {
            String name = text(env, "name");
            names.add(name);
            JsonNode ref = env.path("valueFrom").path("secretKeyRef");
            if (!ref.isMissingNode()) {
                assertThat(text(ref, "name")).isEqualTo(SECRET_NAME);
                assertThat(secret).as("key %s in secret.yaml", text(ref, "key")).contains(text(ref, "key"));
                secretRefs.put(name, text(ref, "key"));
            }
        });
        assertThat(notSettings(names)).as("container env that is no setting in application.properties").isEmpty();
        assertNoIgnoredPortVariables(names);
        for (String key : SECRET_SETTINGS) {
            assertThat(secretRefs).as("%s comes from the Secret", key).containsEntry(key, key);
        }
    }

    // ------------------------------------------------------------------------------------------------- Service

    @Test
    void serviceExposesWebhookAndManagementAsSeparateNamedPorts() {
        JsonNode service = object("kubernetes/service.yaml", "Service", null);
        assertThat(stringMap(deployment().path("spec").path("template").path("metadata").path("labels")))
                .containsAllEntriesOf(stringMap(service.path("spec").path("selector")));
        Map<String, Integer> targets = servicePorts(service, containerPorts(container()));
        assertThat(targets).containsEntry("webhook", serverPort).containsEntry("management", managementPort);
    }

    // ------------------------------------------------------------------------------------------------ Dockerfile

    @Test
    void dockerfileExposesBothPortsAndRunsTheJarAsNonRoot() throws IOException {
        List<String[]> instructions = dockerfile();
        Set<Integer> exposed = new HashSet<>();
        String user = null;
        String workdir = null;
        JsonNode entrypoint = MissingNode.getInstance();
        Set<String> volumes = new HashSet<>();
        Map<String, String> env = new HashMap<>();
        String from = null;
        for (String[] instruction : instructions) {
            String args = instruction[1];
            switch (instruction[0]) {
                case "FROM" -> from = args;
                case "EXPOSE" -> {
                    for (String port : args.split("\\s+")) {
                        exposed.add(Integer.parseInt(port.replaceFirst("/tcp$", "")));
                    }
                }
                case "USER" -> user = args;
                case "WORKDIR" -> workdir = args;
                case "ENTRYPOINT" -> entrypoint = JSON.readTree(args);
                case "VOLUME" -> volumes.addAll(args.startsWith("[")
                        ? stringList(JSON.readTree(args)) : List.of(args.split("\\s+")));
                case "ENV" -> env.putAll(envAssignments(args));
                default -> { }
            }
        }
        assertThat(from).startsWith("eclipse-temurin:17-jre");
        assertThat(exposed).contains(serverPort, managementPort);
        assertThat(user).as("USER").isNotNull();
        String uid = user.split(":")[0];
        assertThat(uid).as("USER is not root").isNotIn("0", "root");
        assertThat(workdir).isEqualTo(IMAGE_WORKDIR);
        assertThat(entrypoint.isArray()).as("exec-form ENTRYPOINT").isTrue();
        List<String> command = stringList(entrypoint);
        assertThat(command.get(0)).isEqualTo("java");
        assertThat(command).containsSubsequence("-jar", IMAGE_JAR);
        assertThat(env.get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");
        // The class-data archive the JVM is told to use is the one a RUN step makes from the image's jar.
        String archive = env.get("JAVA_TOOL_OPTIONS").replaceFirst(".*-XX:SharedArchiveFile=(\\S+).*", "$1");
        assertThat(instructions).as("a RUN step that writes %s from %s", archive, IMAGE_JAR)
                .anySatisfy(i -> assertThat(i[0] + " " + i[1]).startsWith("RUN ")
                        .contains("-XX:ArchiveClassesAtExit=" + archive, "-jar " + IMAGE_JAR));
        String dataDir = env.getOrDefault("BRIDGE_DATA_DIR", IMAGE_WORKDIR + "/" + setting("bridge.data-dir"));
        assertThat(volumes).as("VOLUME for the data directory").contains(dataDir);
        assertThat(dataDirOnKubernetes()).as("Kubernetes mounts the data volume where the image keeps data")
                .isEqualTo(dataDir);
    }

    // ------------------------------------------------------------------------------------------------ cluster mode

    @Test
    void clusterKustomizationListsEveryManifestAndBuildsOnTheSingleReplicaOne() throws IOException {
        JsonNode kustomization = single(CLUSTER + "/kustomization.yaml");
        Set<String> listed = new TreeSet<>();
        List<String> resources = stringList(kustomization.path("resources"));
        resources.stream().filter(r -> !Files.isDirectory(DEPLOY.resolve(CLUSTER).resolve(r))).forEach(listed::add);
        kustomization.path("patches").forEach(p -> listed.add(text(p, "path")));
        Set<String> present;
        try (Stream<Path> files = Files.list(DEPLOY.resolve(CLUSTER))) {
            present = files.filter(DeploymentManifestsTest::isYaml).map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("kustomization.")).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(listed).as("resources and patches in %s/kustomization.yaml", CLUSTER).isEqualTo(present);
        assertThat(resources).as("the overlay's base").contains("../kubernetes");
        assertThat(kinds(cluster())).containsOnly("ConfigMap", "Secret", "Deployment", "Service",
                "PodDisruptionBudget", "KafkaTopic");
        // The cluster's pods run the same image as the single replica (only the base sets it).
        assertThat(kustomization.has("images")).as("images are set in ../kubernetes/kustomization.yaml").isFalse();
        assertThat(clusterContainer().path("image")).isEqualTo(container().path("image"));
    }

    @Test
    void clusterDeploymentRunsSeveralReplicasThatRollOneAtATime() {
        JsonNode spec = clusterDeployment().path("spec");
        assertThat(spec.path("replicas").asInt(-1)).as("replicas").isGreaterThanOrEqualTo(2);
        assertThat(text(spec, "strategy", "type")).as("strategy (never Recreate: replicas overlap by design)")
                .isEqualTo("RollingUpdate");
        assertThat(text(spec, "strategy", "rollingUpdate", "maxUnavailable")).as("maxUnavailable").isIn("0", "0%");
        assertThat(text(spec, "strategy", "rollingUpdate", "maxSurge")).as("maxSurge").isNotIn("", "0", "0%");
        Map<String, String> selector = stringMap(spec.path("selector").path("matchLabels"));
        assertThat(selector).isNotEmpty();
        assertThat(podLabels(clusterDeployment())).containsAllEntriesOf(selector);
        assertThat(spec.path("template").path("spec").path("containers")).hasSize(1);
    }

    @Test
    void clusterDeploymentKeepsNothingOnAPersistentVolume() {
        assertThat(kinds(cluster())).as("no PersistentVolumeClaim in cluster mode").doesNotContain("PersistentVolumeClaim");
        JsonNode pod = clusterDeployment().path("spec").path("template").path("spec");
        pod.path("volumes").forEach(v -> assertThat(v.has("persistentVolumeClaim"))
                .as("volume %s is a PersistentVolumeClaim", text(v, "name")).isFalse());
        String dataDir = clusterConfig().getOrDefault("BRIDGE_DATA_DIR", dataDirOnKubernetes());
        JsonNode data = volumeOf(pod, mountAt(clusterContainer(), dataDir));
        assertThat(data.has("emptyDir")).as("the data directory %s is an emptyDir", dataDir).isTrue();
        assertThat(data.size()).as("one volume source for %s", dataDir).isEqualTo(2);
    }

    @Test
    void clusterDeploymentSpreadsPodsOverNodesWithoutRequiringIt() {
        JsonNode pod = clusterDeployment().path("spec").path("template").path("spec");
        Map<String, String> labels = podLabels(clusterDeployment());
        boolean spread = false;
        for (JsonNode c : pod.path("topologySpreadConstraints")) {
            assertThat(text(c, "whenUnsatisfiable")).as("spreading is preferred, not required")
                    .isEqualTo("ScheduleAnyway");
            if ("kubernetes.io/hostname".equals(text(c, "topologyKey"))
                    && labels.entrySet().containsAll(stringMap(c.path("labelSelector").path("matchLabels")).entrySet())
                    && c.path("labelSelector").path("matchLabels").size() > 0) {
                spread = true;
            }
        }
        JsonNode antiAffinity = pod.path("affinity").path("podAntiAffinity");
        assertThat(antiAffinity.has("requiredDuringSchedulingIgnoredDuringExecution"))
                .as("required anti-affinity would leave replicas Pending on small clusters").isFalse();
        for (JsonNode term : antiAffinity.path("preferredDuringSchedulingIgnoredDuringExecution")) {
            JsonNode affinityTerm = term.path("podAffinityTerm");
            if ("kubernetes.io/hostname".equals(text(affinityTerm, "topologyKey"))
                    && labels.entrySet().containsAll(
                            stringMap(affinityTerm.path("labelSelector").path("matchLabels")).entrySet())) {
                spread = true;
            }
        }
        assertThat(spread).as("topologySpreadConstraints or preferred podAntiAffinity over kubernetes.io/hostname")
                .isTrue();
    }

    @Test
    void clusterDeploymentHasTheSingleReplicaPortsProbesAndLockDown() {
        JsonNode container = clusterContainer();
        Map<String, Integer> ports = containerPorts(container);
        assertThat(ports).containsEntry("webhook", serverPort).containsEntry("management", managementPort);
        assertProbe(container, "startupProbe", LIVE_PATH, ports);
        assertProbe(container, "livenessProbe", LIVE_PATH, ports);
        // In cluster mode the readiness check also waits for the first Kafka partition assignment.
        assertProbe(container, "readinessProbe", READY_PATH, ports);
        for (String field : List.of("ports", "startupProbe", "livenessProbe", "readinessProbe", "securityContext",
                "resources", "lifecycle", "image")) {
            assertThat(container.path(field)).as("container %s as in kubernetes/deployment.yaml", field)
                    .isEqualTo(container().path(field));
        }
        JsonNode pod = clusterDeployment().path("spec").path("template").path("spec");
        JsonNode singlePod = deployment().path("spec").path("template").path("spec");
        assertThat(pod.path("securityContext")).isEqualTo(singlePod.path("securityContext"));
        assertThat(pod.path("enableServiceLinks").asBoolean(true)).isFalse();
        assertThat(volumeOf(pod, mountAt(container, "/tmp")).has("emptyDir")).isTrue();
        int grace = pod.path("terminationGracePeriodSeconds").asInt(30);
        int preStop = preStopSleepSeconds(container);
        assertThat(grace).as("terminationGracePeriodSeconds >= preStop %ss + camel.main.shutdown-timeout %ss + %ss",
                preStop, shutdownTimeout, SHUTDOWN_MARGIN).isGreaterThanOrEqualTo(
                        preStop + shutdownTimeout + SHUTDOWN_MARGIN);
        JsonNode service = clusterObject("Service", null);
        assertThat(podLabels(clusterDeployment())).containsAllEntriesOf(stringMap(service.path("spec").path("selector")));
        assertThat(servicePorts(service, ports)).containsEntry("webhook", serverPort)
                .containsEntry("management", managementPort);
    }

    @Test
    void clusterConfigMapSwitchesToKafkaAndRedisWithRealSettings() {
        Map<String, String> config = clusterConfig();
        Set<String> secret = clusterSecretKeys();
        assertThat(notSettings(config.keySet())).as("ConfigMap keys that are no setting in application.properties")
                .isEmpty();
        assertThat(notSettings(secret)).as("Secret keys that are no setting in application.properties").isEmpty();
        assertThat(secret).containsAll(SECRET_SETTINGS).contains(REDIS_URL);
        assertThat(config.keySet()).as("secrets must not be in the ConfigMap")
                .doesNotContainAnyElementsOf(SECRET_SETTINGS).doesNotContain(REDIS_URL);
        assertNoIgnoredPortVariables(config.keySet());

        assertThat(config).containsEntry("BRIDGE_INTAKE", "kafka").containsEntry("BUDGET_STORE", "redis");
        assertThat(config.get("KAFKA_BROKERS")).as("KAFKA_BROKERS").isNotBlank();
        assertThat(config.getOrDefault("TELEGRAM_ENABLED", setting("telegram.enabled")))
                .as("Variant 2 (Telegram) runs with the file intake only").isEqualTo("false");

        Set<String> provided = new HashSet<>(config.keySet());
        provided.addAll(secret);
        assertThat(provided).as("mandatory settings").containsAll(MANDATORY);
        assertIdOrNameProvided(provided);
    }

    @Test
    void clusterDeploymentTakesTheRedisUrlOnlyFromTheSecret() {
        JsonNode container = clusterContainer();
        List<String> configMaps = new ArrayList<>();
        container.path("envFrom").forEach(from -> {
            assertThat(from.has("secretRef")).as("secrets are referenced key by key").isFalse();
            configMaps.add(text(from, "configMapRef", "name"));
        });
        assertThat(configMaps).containsExactly(CONFIG_NAME);
        cluster().stream().filter(o -> "ConfigMap".equals(text(o, "kind"))).forEach(cm ->
                assertThat(cm.path("data").has(REDIS_URL)).as("REDIS_URL in ConfigMap %s", text(cm, "metadata", "name"))
                        .isFalse());

        Set<String> secret = clusterSecretKeys();
        Map<String, JsonNode> refs = new HashMap<>();
        List<String> names = new ArrayList<>();
        container.path("env").forEach(env -> {
            String name = text(env, "name");
            names.add(name);
            JsonNode ref = env.path("valueFrom").path("secretKeyRef");
            if (!ref.isMissingNode()) {
                assertThat(text(ref, "name")).isEqualTo(SECRET_NAME);
                assertThat(secret).as("key %s in the Secret", text(ref, "key")).contains(text(ref, "key"));
                refs.put(name, ref);
            }
        });
        assertThat(names).as("env names").doesNotHaveDuplicates();
        assertThat(notSettings(new HashSet<>(names))).as("container env that is no setting").isEmpty();
        assertNoIgnoredPortVariables(names);
        for (String key : SECRET_SETTINGS) {
            assertThat(refs).as("%s comes from the Secret", key).containsKey(key);
            assertThat(text(refs.get(key), "key")).isEqualTo(key);
        }
        assertThat(refs).as("REDIS_URL comes from the Secret").containsKey(REDIS_URL);
        assertThat(text(refs.get(REDIS_URL), "key")).isEqualTo(REDIS_URL);
        assertThat(refs.get(REDIS_URL).path("optional").asBoolean(false))
                .as("REDIS_URL is required with budget.store=redis").isFalse();
    }

    @Test
    void clusterPodDisruptionBudgetLetsOneReplicaGoAtATime() {
        JsonNode pdb = clusterObject("PodDisruptionBudget", null);
        assertThat(text(pdb, "apiVersion")).isEqualTo("policy/v1");
        Map<String, String> selector = stringMap(pdb.path("spec").path("selector").path("matchLabels"));
        assertThat(selector).as("the PDB's selector").isNotEmpty();
        assertThat(podLabels(clusterDeployment())).as("the Deployment's pods match the PDB")
                .containsAllEntriesOf(selector);
        JsonNode spec = pdb.path("spec");
        assertThat(spec.has("maxUnavailable") ^ spec.has("minAvailable"))
                .as("exactly one of maxUnavailable and minAvailable").isTrue();
        int replicas = clusterDeployment().path("spec").path("replicas").asInt();
        if (spec.has("maxUnavailable")) {
            assertThat(spec.path("maxUnavailable").isInt()).as("maxUnavailable as a number").isTrue();
            assertThat(spec.path("maxUnavailable").asInt()).isBetween(1, replicas - 1);
        } else {
            // minAvailable must leave room for one eviction, or node drains hang
            assertThat(spec.path("minAvailable").isInt()).as("minAvailable as a number").isTrue();
            assertThat(spec.path("minAvailable").asInt()).isBetween(1, replicas - 1);
        }
    }

    @Test
    void clusterKafkaTopicMatchesTheConfigMap() {
        JsonNode topic = clusterObject("KafkaTopic", null);
        Map<String, String> config = clusterConfig();
        assertThat(text(topic, "apiVersion")).isEqualTo("kafka.strimzi.io/v1beta2");
        String kafkaCluster = text(topic, "metadata", "labels", "strimzi.io/cluster");
        assertThat(kafkaCluster).as("label strimzi.io/cluster").isNotBlank();
        String topicName = topic.path("spec").has("topicName") ? text(topic, "spec", "topicName")
                : text(topic, "metadata", "name");
        assertThat(topicName).as("the KafkaTopic's topic is KAFKA_TOPIC")
                .isEqualTo(config.getOrDefault("KAFKA_TOPIC", setting("kafka.topic")));
        int partitions = topic.path("spec").path("partitions").asInt(-1);
        assertThat(Integer.toString(partitions)).as("the KafkaTopic's partitions are KAFKA_PARTITIONS")
                .isEqualTo(config.getOrDefault("KAFKA_PARTITIONS", setting("kafka.partitions")));
        assertThat(partitions).as("partitions cap the replicas that do work")
                .isGreaterThanOrEqualTo(clusterDeployment().path("spec").path("replicas").asInt());
        // Strimzi's bootstrap Service is <cluster>-kafka-bootstrap (optionally namespace-qualified)
        assertThat(config.get("KAFKA_BROKERS")).as("KAFKA_BROKERS points at the topic's Kafka cluster")
                .startsWith(kafkaCluster + "-kafka-bootstrap");
        int replicas = topic.path("spec").path("replicas").asInt(-1);
        int minInsync = topic.path("spec").path("config").path("min.insync.replicas").asInt(-1);
        assertThat(minInsync).as("min.insync.replicas: acks=all means two copies").isGreaterThanOrEqualTo(2);
        assertThat(replicas).as("replicas > min.insync.replicas: one broker may be down").isGreaterThan(minInsync);
        assertThat(text(topic, "spec", "config", "cleanup.policy")).isEqualTo("delete");
    }

    /** Where kubectl (or kustomize) is installed, the overlay builds and gives what this test reads. */
    @Test
    void clusterOverlayRendersWithKustomizeAsThisTestReadsIt() throws Exception {
        List<String> command = onPath("kubectl") != null
                ? List.of(onPath("kubectl"), "kustomize", DEPLOY.resolve(CLUSTER).toString())
                : onPath("kustomize") != null
                        ? List.of(onPath("kustomize"), "build", DEPLOY.resolve(CLUSTER).toString()) : null;
        Assumptions.assumeTrue(command != null, "neither kubectl nor kustomize is installed");
        Path out = Files.createTempFile("kustomize", ".yaml");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finishes", command).isTrue();
            assertThat(process.exitValue()).as("%s: %s", command, Files.readString(out)).isZero();
            List<JsonNode> rendered = parseAll(out);
            assertThat(byKindAndName(rendered).keySet()).isEqualTo(byKindAndName(cluster()).keySet());
            byKindAndName(rendered).forEach((key, object) -> assertThat(normalized(object)).as(key)
                    .isEqualTo(normalized(byKindAndName(cluster()).get(key))));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    // -------------------------------------------------------------------------------------------------- Camel K

    @Test
    void camelKIntegrationRunsTheImageJarWithHealthOnTheManagementPort() throws IOException {
        JsonNode integration = object("camel-k/integration.yaml", "Integration", null);
        assertThat(text(integration, "apiVersion")).isEqualTo("camel.apache.org/v1");
        assertThat(integration.path("spec").path("replicas").asInt(-1)).isEqualTo(1);
        JsonNode traits = integration.path("spec").path("traits");
        assertThat(text(traits, "container", "image")).isNotBlank();
        assertThat(text(traits, "jvm", "jar")).isEqualTo(IMAGE_JAR);
        assertThat(dockerEntrypointJar()).isEqualTo(IMAGE_JAR);
        assertThat(text(traits, "deployment", "strategy")).isEqualTo("Recreate");

        // Operators before Camel K 2.9 probe the container's primary port, later ones the health trait's probe
        // ports (and, after 2.10, 8080 when those are unset): all of them must be the management port.
        assertThat(traits.path("container").path("port").asInt()).isEqualTo(managementPort);
        JsonNode health = traits.path("health");
        for (String port : List.of("livenessPort", "readinessPort", "startupPort")) {
            assertThat(health.path(port).asInt(-1)).as("health.%s", port).isEqualTo(managementPort);
        }
        assertThat(health.path("enabled").asBoolean(false)).isTrue();
        assertThat(health.path("livenessProbeEnabled").asBoolean(false)).isTrue();
        assertThat(health.path("readinessProbeEnabled").asBoolean(false)).isTrue();
        assertThat(text(health, "livenessProbe")).isEqualTo(LIVE_PATH);
        assertThat(text(health, "readinessProbe")).isEqualTo(READY_PATH);
        if (health.path("startupProbeEnabled").asBoolean(false)) {
            assertThat(text(health, "startupProbe")).isEqualTo(LIVE_PATH);
        }

        JsonNode pod = integration.path("spec").path("template").path("spec");
        int grace = pod.path("terminationGracePeriodSeconds").asInt(30);
        int preStop = 0;
        for (JsonNode c : pod.path("containers")) {
            preStop = Math.max(preStop, preStopSleepSeconds(c));
        }
        assertThat(grace).isGreaterThanOrEqualTo(preStop + shutdownTimeout + SHUTDOWN_MARGIN);

        JsonNode service = object("camel-k/service.yaml", "Service", null);
        assertThat(stringMap(service.path("spec").path("selector")))
                .containsEntry("camel.apache.org/integration", text(integration, "metadata", "name"));
        assertThat(servicePorts(service, Map.of())).containsEntry("webhook", serverPort)
                .containsEntry("management", managementPort);
    }

    @Test
    void camelKIntegrationTakesSettingsAsEnvironmentVariablesFromTheSameConfigMapAndSecret() {
        JsonNode traits = object("camel-k/integration.yaml", "Integration", null).path("spec").path("traits");
        Map<String, String> config = configMapData();
        Set<String> secret = secretKeys();
        Map<String, String> vars = new LinkedHashMap<>();
        traits.path("environment").path("vars").forEach(v -> {
            String[] pair = v.asText().split("=", 2);
            assertThat(pair).as("VAR=value: %s", v.asText()).hasSize(2);
            vars.put(pair[0], pair[1]);
        });
        assertThat(notSettings(vars.keySet())).as("environment.vars that are no setting in application.properties")
                .isEmpty();
        assertNoIgnoredPortVariables(vars.keySet());
        vars.forEach((name, value) -> {
            if (value.startsWith("configmap:")) {
                assertThat(value).startsWith("configmap:" + CONFIG_NAME + "/");
                assertThat(config).containsKey(value.substring(value.indexOf('/') + 1));
            } else if (value.startsWith("secret:")) {
                assertThat(value).startsWith("secret:" + SECRET_NAME + "/");
                assertThat(secret).contains(value.substring(value.indexOf('/') + 1));
            }
        });
        for (String key : SECRET_SETTINGS) {
            assertThat(vars).as("%s from the Secret", key).containsEntry(key, "secret:" + SECRET_NAME + "/" + key);
        }
        Set<String> provided = new HashSet<>(vars.keySet());
        assertThat(provided).containsAll(MANDATORY);
        assertIdOrNameProvided(provided);

        // The jvm trait changes the working directory, so the data directory must be absolute and on the volume.
        String dataDir = vars.get("BRIDGE_DATA_DIR");
        assertThat(dataDir).as("absolute BRIDGE_DATA_DIR").startsWith("/");
        List<String> volumes = stringList(traits.path("mount").path("volumes"));
        String pvcName = object("kubernetes/pvc.yaml", "PersistentVolumeClaim", null).path("metadata").path("name")
                .asText();
        assertThat(volumes).contains(pvcName + ":" + dataDir);
    }

    // ------------------------------------------------------------------------------------------------- helpers

    static boolean isYaml(Path p) {
        String name = p.getFileName().toString();
        return Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    static List<JsonNode> parseAll(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            while (it.hasNextValue()) {
                JsonNode doc = it.nextValue();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new AssertionError(BASE.relativize(file) + " is not well-formed YAML: " + e.getMessage(), e);
        }
        return docs;
    }

    static String setting(String key) {
        String value = settings.getProperty(key);
        assertThat(value).as("%s in application.properties", key).isNotNull();
        return value.strip();
    }

    static List<JsonNode> docs(String relative) {
        List<JsonNode> docs = manifests.get(DEPLOY.resolve(relative));
        assertThat(docs).as("deploy/%s", relative).isNotNull();
        return docs;
    }

    static JsonNode single(String relative) {
        List<JsonNode> docs = docs(relative);
        assertThat(docs).as("deploy/%s", relative).hasSize(1);
        return docs.get(0);
    }

    /** The object of that kind (and name, if given) in the file. */
    static JsonNode object(String relative, String kind, String name) {
        List<JsonNode> found = docs(relative).stream().filter(d -> kind.equals(text(d, "kind")))
                .filter(d -> name == null || name.equals(text(d, "metadata", "name"))).toList();
        assertThat(found).as("%s %s in deploy/%s", kind, name == null ? "" : name, relative).hasSize(1);
        return found.get(0);
    }

    static JsonNode deployment() {
        return object("kubernetes/deployment.yaml", "Deployment", null);
    }

    static JsonNode container() {
        return deployment().path("spec").path("template").path("spec").path("containers").path(0);
    }

    static Map<String, String> configMapData() {
        return stringMap(object("kubernetes/configmap.yaml", "ConfigMap", CONFIG_NAME).path("data"));
    }

    static Set<String> secretKeys() {
        JsonNode secret = object("kubernetes/secret.yaml", "Secret", SECRET_NAME);
        Set<String> keys = new TreeSet<>();
        secret.path("stringData").fieldNames().forEachRemaining(keys::add);
        secret.path("data").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** The names that are neither the environment name of a key in application.properties nor a known JVM variable. */
    static Set<String> notSettings(Set<String> envNames) {
        Set<String> unknown = new TreeSet<>(envNames);
        unknown.removeIf(name -> settingByEnvName.containsKey(name) || NON_SETTING_ENV.contains(name));
        return unknown;
    }

    /**
     * Camel Main skips environment variables ending in _PORT (they clash with Kubernetes service links), so e.g.
     * CAMEL_SERVER_PORT would silently do nothing: ports are changed with -Dcamel.server.port=... instead.
     */
    static void assertNoIgnoredPortVariables(Iterable<String> envNames) {
        for (String name : envNames) {
            String key = settingByEnvName.get(name);
            if (key != null && key.startsWith("camel.")) {
                assertThat(name.endsWith("_PORT") || name.contains("_PORT_"))
                        .as("%s is ignored by Camel Main; set -D%s=... in JAVA_TOOL_OPTIONS instead", name, key)
                        .isFalse();
            }
        }
    }

    /** Each id the bridge cannot start without is set as an environment variable, by id or by name. */
    static void assertIdOrNameProvided(Set<String> envNames) {
        for (NameResolution.Target target : MANDATORY_BY_ID_OR_NAME) {
            assertThat(envNames).as("the %s by id or by name", target.role())
                    .containsAnyOf(envName(target.idKey()), envName(target.nameKey()));
        }
    }

    static String dataDirOnKubernetes() {
        String configured = configMapData().get("BRIDGE_DATA_DIR");
        String dir = configured != null ? configured : setting("bridge.data-dir");
        return dir.startsWith("/") ? dir : IMAGE_WORKDIR + "/" + dir;
    }

    static Map<String, Integer> containerPorts(JsonNode container) {
        Map<String, Integer> ports = new HashMap<>();
        container.path("ports").forEach(p -> ports.put(text(p, "name"), p.path("containerPort").asInt()));
        return ports;
    }

    /** Service port name -> the container port it reaches (named target ports resolved against the container). */
    static Map<String, Integer> servicePorts(JsonNode service, Map<String, Integer> containerPorts) {
        Map<String, Integer> targets = new HashMap<>();
        service.path("spec").path("ports").forEach(p -> {
            JsonNode target = p.has("targetPort") ? p.path("targetPort") : p.path("port");
            targets.put(text(p, "name"), resolvePort(target, containerPorts));
        });
        return targets;
    }

    static int resolvePort(JsonNode port, Map<String, Integer> containerPorts) {
        if (port.isInt() || port.asText().matches("\\d+")) {
            return port.asInt();
        }
        assertThat(containerPorts).as("named port %s", port.asText()).containsKey(port.asText());
        return containerPorts.get(port.asText());
    }

    static void assertProbe(JsonNode container, String probe, String path, Map<String, Integer> ports) {
        JsonNode get = container.path(probe).path("httpGet");
        assertThat(get.isObject()).as("%s.httpGet", probe).isTrue();
        assertThat(text(get, "path")).as("%s path", probe).isEqualTo(path);
        assertThat(resolvePort(get.path("port"), ports)).as("%s port", probe).isEqualTo(managementPort);
    }

    static int preStopSleepSeconds(JsonNode container) {
        JsonNode preStop = container.path("lifecycle").path("preStop");
        if (preStop.has("sleep")) {
            return preStop.path("sleep").path("seconds").asInt();
        }
        List<String> command = stringList(preStop.path("exec").path("command"));
        if (!command.isEmpty() && command.get(0).endsWith("sleep")) {
            return Integer.parseInt(command.get(command.size() - 1));
        }
        assertThat(command).as("preStop other than sleep: account for it in the grace period").isEmpty();
        return 0;
    }

    static String mountAt(JsonNode container, String mountPath) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mountPath.equals(text(mount, "mountPath"))) {
                return text(mount, "name");
            }
        }
        throw new AssertionError("no volume mounted at " + mountPath);
    }

    static JsonNode volumeOf(JsonNode pod, String name) {
        for (JsonNode volume : pod.path("volumes")) {
            if (name.equals(text(volume, "name"))) {
                return volume;
            }
        }
        throw new AssertionError("no volume named " + name);
    }

    static String text(JsonNode node, String... path) {
        JsonNode at = node;
        for (String step : path) {
            at = step.matches("\\d+") && at.isArray() ? at.path(Integer.parseInt(step)) : at.path(step);
        }
        return at.isValueNode() ? at.asText() : "";
    }

    static Map<String, String> stringMap(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    static List<String> stringList(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    /** Dockerfile instructions as {KEYWORD, arguments}, continuation lines joined and comments dropped. */
    static List<String[]> dockerfile() throws IOException {
        List<String[]> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : Files.readAllLines(BASE.resolve("Dockerfile"), StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String instruction = current.toString().strip();
            current.setLength(0);
            if (!instruction.isEmpty()) {
                String[] parts = instruction.split("\\s+", 2);
                instructions.add(new String[] {parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : ""});
            }
        }
        return instructions;
    }

    static String dockerEntrypointJar() throws IOException {
        for (String[] instruction : dockerfile()) {
            if ("ENTRYPOINT".equals(instruction[0])) {
                List<String> command = stringList(JSON.readTree(instruction[1]));
                return command.get(command.indexOf("-jar") + 1);
            }
        }
        throw new AssertionError("no ENTRYPOINT in the Dockerfile");
    }

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"((?:[^\"\\\\]|\\\\.)*)\"|\\S+)");

    static Map<String, String> envAssignments(String args) {
        Map<String, String> env = new HashMap<>();
        Matcher m = ENV_PAIR.matcher(args);
        while (m.find()) {
            env.put(m.group(1), m.group(3) != null ? m.group(3) : m.group(2));
        }
        return env;
    }

    // --------------------------------------------------------------------------------------- cluster-mode helpers

    /**
     * The objects a kustomization produces: its resources (files, or folders with a kustomization of their own) with
     * its {@code patches} applied as strategic merge patches, as far as the manifests here use them: maps merge, a
     * null removes a field, lists of named items (containers, env, volumes) merge by name, other lists are replaced,
     * {@code $patch: delete} removes the object. clusterOverlayRendersWithKustomizeAsThisTestReadsIt compares the
     * result with kustomize's own where it is installed.
     */
    static List<JsonNode> kustomized(String dir) {
        JsonNode kustomization = single(dir + "/kustomization.yaml");
        List<JsonNode> objects = new ArrayList<>();
        for (String resource : stringList(kustomization.path("resources"))) {
            Path path = DEPLOY.resolve(dir).resolve(resource).normalize();
            String relative = DEPLOY.relativize(path).toString().replace('\\', '/');
            if (Files.isDirectory(path)) {
                objects.addAll(kustomized(relative));
            } else {
                docs(relative).forEach(d -> objects.add(d.deepCopy()));
            }
        }
        for (JsonNode patch : kustomization.path("patches")) {
            String file = text(patch, "path");
            assertThat(file).as("patches in deploy/%s/kustomization.yaml are files", dir).isNotBlank();
            for (JsonNode doc : docs(dir + "/" + file)) {
                String key = kindAndName(doc);
                int at = -1;
                for (int i = 0; i < objects.size(); i++) {
                    if (kindAndName(objects.get(i)).equals(key)) {
                        at = i;
                    }
                }
                assertThat(at).as("the target of %s (%s) in deploy/%s", file, key, dir).isNotNegative();
                JsonNode merged = merge(objects.get(at), doc);
                if (merged == null) {
                    objects.remove(at);
                } else {
                    objects.set(at, merged);
                }
            }
        }
        return objects;
    }

    static JsonNode merge(JsonNode base, JsonNode patch) {
        if (patch.isObject()) {
            if ("delete".equals(text(patch, "$patch"))) {
                return null;
            }
            ObjectNode out = base != null && base.isObject() ? base.deepCopy() : YAML.createObjectNode();
            patch.fields().forEachRemaining(e -> {
                if (e.getKey().startsWith("$")) {
                    return;
                }
                JsonNode merged = e.getValue().isNull() ? null : merge(out.get(e.getKey()), e.getValue());
                if (merged == null) {
                    out.remove(e.getKey());
                } else {
                    out.set(e.getKey(), merged);
                }
            });
            return out;
        }
        if (patch.isArray() && base != null && base.isArray() && named(patch) && named(base)) {
            ArrayNode out = base.deepCopy();
            for (JsonNode item : patch) {
                int at = -1;
                for (int i = 0; i < out.size(); i++) {
                    if (text(out.get(i), "name").equals(text(item, "name"))) {
                        at = i;
                    }
                }
                JsonNode merged = merge(at < 0 ? null : out.get(at), item);
                if (at < 0 && merged != null) {
                    out.add(merged);
                } else if (at >= 0 && merged == null) {
                    out.remove(at);
                } else if (at >= 0) {
                    out.set(at, merged);
                }
            }
            return out;
        }
        return patch.deepCopy();
    }

    static boolean named(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isObject() || text(item, "name").isEmpty()) {
                return false;
            }
        }
        return true;
    }

    static String kindAndName(JsonNode object) {
        return text(object, "kind") + "/" + text(object, "metadata", "name");
    }

    static Map<String, JsonNode> byKindAndName(List<JsonNode> objects) {
        Map<String, JsonNode> map = new TreeMap<>();
        objects.forEach(o -> assertThat(map.put(kindAndName(o), o)).as("one %s", kindAndName(o)).isNull());
        return map;
    }

    /** Named list items sorted by name (kustomize puts new ones first, this test last), numbers as text. */
    static JsonNode normalized(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = YAML.createObjectNode();
            node.fields().forEachRemaining(e -> out.set(e.getKey(), normalized(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(n -> items.add(normalized(n)));
            if (named(node)) {
                items.sort(Comparator.comparing(n -> text(n, "name")));
            }
            ArrayNode out = YAML.createArrayNode();
            items.forEach(out::add);
            return out;
        }
        return node.isValueNode() && !node.isNull() ? YAML.getNodeFactory().textNode(node.asText()) : node;
    }

    static Set<String> kinds(List<JsonNode> objects) {
        return objects.stream().map(o -> text(o, "kind")).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The cluster-mode objects (computed on first use, so that a broken overlay fails only the cluster tests). */
    static List<JsonNode> cluster() {
        if (cluster == null) {
            cluster = kustomized(CLUSTER);
        }
        return cluster;
    }

    /** The cluster-mode object of that kind (and name, if given). */
    static JsonNode clusterObject(String kind, String name) {
        List<JsonNode> found = cluster().stream().filter(o -> kind.equals(text(o, "kind")))
                .filter(o -> name == null || name.equals(text(o, "metadata", "name"))).toList();
        assertThat(found).as("%s %s in deploy/%s", kind, name == null ? "" : name, CLUSTER).hasSize(1);
        return found.get(0);
    }

    static JsonNode clusterDeployment() {
        return clusterObject("Deployment", null);
    }

    static JsonNode clusterContainer() {
        return clusterDeployment().path("spec").path("template").path("spec").path("containers").path(0);
    }

    static Map<String, String> clusterConfig() {
        return stringMap(clusterObject("ConfigMap", CONFIG_NAME).path("data"));
    }

    static Set<String> clusterSecretKeys() {
        JsonNode secret = clusterObject("Secret", SECRET_NAME);
        Set<String> keys = new TreeSet<>();
        secret.path("stringData").fieldNames().forEachRemaining(keys::add);
        secret.path("data").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    static Map<String, String> podLabels(JsonNode deployment) {
        return stringMap(deployment.path("spec").path("template").path("metadata").path("labels"));
    }

    /** The executable of that name on the PATH, or null. */
    static String onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
