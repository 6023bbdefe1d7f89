# Omnidesk bot bridge - runtime image for the fat jar.
#
#   mvn -B clean package                       # -> target/omnidesk-bot-bridge-<version>-runner.jar (exactly one)
#   docker build -t omnidesk-bot-bridge:<version> .
#   docker run --rm -p 8080:8080 -p 9876:9876 --env-file bridge.env -v bridge-data:/app/data omnidesk-bot-bridge:<version>
#
# Settings come from the environment (omnidesk.base-url -> OMNIDESK_BASE_URL, see application.properties).
# Ports: 8080 webhook (camel.server.port), 9876 management - /observe/health/{live,ready}, /observe/metrics.
# Arguments after the image name go to the bridge: `docker run ... omnidesk-bot-bridge:<version> sandbox`.
#
# Routes and scenario without rebuilding - mount them and point the bridge at them:
#   -v "$PWD/routes:/etc/bridge/routes:ro"     -e CAMEL_MAIN_ROUTES_INCLUDE_PATTERN='file:/etc/bridge/routes/*.yaml'
#   -v "$PWD/scenario.yaml:/etc/bridge/scenario/scenario.yaml:ro" -e BOT_SCENARIO=/etc/bridge/scenario/scenario.yaml
# The routes directory replaces the built-in set, so it must hold all route files (start from src/main/resources/routes).
#
# No HEALTHCHECK: the JRE image has no curl/wget, and Kubernetes ignores HEALTHCHECK in favour of its own probes
# (deploy/kubernetes/deployment.yaml). Outside Kubernetes, probe http://<host>:9876/observe/health/ready.
FROM eclipse-temurin:17-jre

# uid/gid 10001. /app/data is also group-0 writable, so OpenShift's arbitrary UIDs (always in group 0) can use it.
RUN groupadd --system --gid 10001 bridge \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin bridge \
 && mkdir -p /app/data \
 && chown 10001:0 /app/data \
 && chmod 0770 /app/data

WORKDIR /app

# Owned by root and read-only for the bridge's user. Build with `mvn clean package` so that the glob matches one jar.
COPY target/omnidesk-bot-bridge-*-runner.jar /app/bridge.jar

# Class-data sharing archive of the bridge's classes (AppCDS), made by a short sandbox run at build time: the JVM
# then maps the classes instead of loading and verifying them again - start-up to ready ~3.0 s -> ~2.1 s on 2 cores
# (bench/README.md). Valid for this JDK and this jar only; if either differs, the JVM warns and starts without it.
RUN java -XX:ArchiveClassesAtExit=/app/bridge.jsa -Dcamel.main.duration-max-seconds=5 \
      -Dbridge.data-dir=/tmp/cds-training -jar /app/bridge.jar sandbox >/dev/null \
 && rm -rf /tmp/cds-training \
 && test -s /app/bridge.jsa

# JAVA_TOOL_OPTIONS is read by the JVM itself, so it also applies when the command is replaced (Camel K's jvm trait
# runs `java ... -jar /app/bridge.jar`). Heap = 75% of the container memory limit; exit on OOM and let the
# orchestrator restart the pod (webhooks already accepted are in the durable journal under /app/data).
# BRIDGE_DATA_DIR is absolute so the journal lands on the volume whatever the working directory is.
ENV JAVA_TOOL_OPTIONS="-XX:SharedArchiveFile=/app/bridge.jsa -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    BRIDGE_DATA_DIR=/app/data

# Intake journal and dead letters: mount a persistent volume here.
VOLUME ["/app/data"]

EXPOSE 8080 9876

USER 10001:10001

ENTRYPOINT ["java", "-jar", "/app/bridge.jar"]
