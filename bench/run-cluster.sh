#!/usr/bin/env bash
# Cluster-mode benchmark (bridge.intake=kafka, budget.store=redis): throughput and answer latency with 1, 2 and 3
# replicas of the packaged jar, one after the other in the same run, and the takeover after a SIGKILL of one replica.
# The harness JVM (bench.jar "cluster") hosts an in-process Kafka broker (Kafka's 3.9.1 test kit), the unlimited stub
# Omnidesk and the load driver; it starts a redis-server and the replicas itself (ClusterScenario.java).
#
#   bench/run-cluster.sh             ~13 min on 2 cores (2 rounds: medians over rounds and windows)
#   QUICK=1 bench/run-cluster.sh     ~5 min (1 round, 40 s warm-up)
#
# On a shared machine wrap it, as every Maven command: flock /tmp/mvn.lock bench/run-cluster.sh
# Results: bench/results/cluster-latest.md; raw data and every process's log in bench/target/cluster-<time>/.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"

QUICK="${QUICK:-0}"
pick() { if [[ "$QUICK" == 1 ]]; then echo "$2"; else echo "$1"; fi; }   # pick <full> <quick>

REPLICAS="${REPLICAS:-1 2 3}"                            # replica counts, measured in this order
ROUNDS="${ROUNDS:-$(pick 2 1)}"                          # the whole 1-2-3 sequence this many times (median)
WARMUP="${WARMUP:-$(pick 60 40)}"                        # seconds at saturation per replica count (fresh JVMs each)
WINDOWS="${WINDOWS:-3}"                                  # measured windows at saturation
WINDOW_SECONDS="${WINDOW_SECONDS:-5}"
INFLIGHT="${INFLIGHT:-256}"                              # cases open at once at saturation (as figure 2)
RATE="${RATE:-100}"                                      # new cases/s for the latency below saturation
RATE_SECONDS="${RATE_SECONDS:-8}"
KILL_RATE="${KILL_RATE:-50}"                             # new cases/s while a replica is killed
CONSUMERS="${CONSUMERS:-4}"                              # kafka.consumers per replica (the default)
SESSION_TIMEOUT_MS="${SESSION_TIMEOUT_MS:-6000}"         # kafka.session-timeout-ms (the default)
# As figures 1-2 of run.sh: the stub keeps no messages, so no author check and no burst window (see README)
AUTHOR_CHECK="${AUTHOR_CHECK:-none}"
BURST_WINDOW_MS="${BURST_WINDOW_MS:-0}"
SKIP_BUILD="${SKIP_BUILD:-0}"
# run.sh's bridge flags without the class-data archive (start-up is not measured here): sized like a 512 MiB pod
BRIDGE_JVM_FLAGS="${BRIDGE_JVM_FLAGS:--XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:MaxRAM=512m}"
# the harness holds the broker, the stub and the driver
HARNESS_JVM_FLAGS="${HARNESS_JVM_FLAGS:--Xms256m -Xmx1536m}"

JAR="${BRIDGE_JAR:-$ROOT/target/omnidesk-bot-bridge-0.1.0-SNAPSHOT-runner.jar}"
BENCH_JAR="$HERE/target/bench.jar"
RUN_DIR="${BENCH_RUN_DIR:-$HERE/target/cluster-$(date +%Y%m%d-%H%M%S)}"
RESULTS="$RUN_DIR/results.tsv"

[[ -x /usr/bin/redis-server ]] || { echo "needs /usr/bin/redis-server (apt-get install redis-server)" >&2; exit 1; }
mkdir -p "$RUN_DIR" "$HERE/results"
: >"$RESULTS"
if [[ "$SKIP_BUILD" != 1 ]]; then
  echo "=== build ==="
  (cd "$ROOT" && mvn -B -ntp -q package -DskipTests)
  (cd "$HERE" && mvn -B -ntp -q package)
fi
[[ -f "$JAR" && -f "$BENCH_JAR" ]] || { echo "missing $JAR or $BENCH_JAR" >&2; exit 1; }

{
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- CPU: $(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -1), $(nproc) cores (nproc)"
  echo "- Memory (free -m): $(free -m | awk '/^Mem:/ {print $2 " MiB total, " $7 " MiB available"}')"
  echo "- Java: $(java -version 2>&1 | head -2 | tail -1)"
  echo "- OS: $(uname -sr); $(/usr/bin/redis-server --version | cut -d' ' -f1-3)"
  echo "- Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
} >"$RUN_DIR/machine.md"
echo "=== machine ==="
cat "$RUN_DIR/machine.md"

java $HARNESS_JVM_FLAGS -jar "$BENCH_JAR" cluster --jar "$JAR" --run-dir "$RUN_DIR" --out "$RESULTS" \
  --md "$RUN_DIR/table.md" --replicas "$REPLICAS" --rounds "$ROUNDS" --warmup "$WARMUP" --windows "$WINDOWS" \
  --window-seconds "$WINDOW_SECONDS" --inflight "$INFLIGHT" --rate "$RATE" --rate-seconds "$RATE_SECONDS" \
  --kill-rate "$KILL_RATE" --consumers "$CONSUMERS" --session-timeout-ms "$SESSION_TIMEOUT_MS" \
  --author-check "$AUTHOR_CHECK" --burst-window-ms "$BURST_WINDOW_MS" --jvm-flags "$BRIDGE_JVM_FLAGS" \
  --clk-tck "$(getconf CLK_TCK 2>/dev/null || echo 100)" 2>&1 | tee "$RUN_DIR/cluster.log"
[[ ${PIPESTATUS[0]} == 0 ]] || { echo "cluster benchmark failed - see $RUN_DIR" >&2; exit 1; }

{
  echo "# Cluster-mode benchmark results"
  echo
  echo "Produced by \`bench/run-cluster.sh\`$([[ "$QUICK" == 1 ]] && echo " (QUICK=1)"); raw data and logs in \`bench/target/$(basename "$RUN_DIR")\`."
  echo "Replicas: the packaged jar, \`bridge.intake=kafka\`, \`budget.store=redis\`, $CONSUMERS consumers each, 12 partitions,"
  echo "\`kafka.session-timeout-ms=$SESSION_TIMEOUT_MS\`, \`webhook.author-check=$AUTHOR_CHECK\`, \`dialog.burst-window-ms=$BURST_WINDOW_MS\`,"
  echo "\`bot.join-replies=false\` (a case is answered after greeting + answer); JVM flags \`$BRIDGE_JVM_FLAGS\`."
  echo "Per replica count: ${WARMUP} s warm-up, $WINDOWS × ${WINDOW_SECONDS} s at saturation ($INFLIGHT cases in flight), ${RATE_SECONDS} s at $RATE new cases/s;"
  echo "takeover under $KILL_RATE new cases/s. $ROUNDS round(s); median (min–max) over windows and rounds."
  echo
  echo "## Machine"
  echo
  cat "$RUN_DIR/machine.md"
  echo "- Load average after the run: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine shows up here)"
  echo
  echo "## Figures"
  echo
  cat "$RUN_DIR/table.md"
} >"$HERE/results/cluster-latest.md"
cp "$HERE/results/cluster-latest.md" "$RUN_DIR/cluster-latest.md"
echo
cat "$HERE/results/cluster-latest.md"
