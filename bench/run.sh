#!/usr/bin/env bash
# Benchmark of the Omnidesk bot bridge: acknowledgement (vs a bare Vert.x baseline), end to end, API budget,
# memory, start-up. Builds the bridge's jar and the bench module, starts every process on loopback and free ports,
# prints a Markdown table and writes it to bench/results/latest.md.
#
#   bench/run.sh              full run (~15 min on 2 cores)
#   QUICK=1 bench/run.sh      smoke run (~6 min): shorter phases, fewer cases, no JMH
#
# Every duration and size is an environment variable (see "Settings" below), e.g. ACK_RATE=300 RUNS=5 bench/run.sh.
# PROFILE=1 records the bridge with JFR during figures 1-2 and prints where its CPU went. CDS=0: no class-data archive.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"

# ---------------------------------------------------------------------------------------------------- Settings
QUICK="${QUICK:-0}"
if [[ "$QUICK" == 1 ]]; then q=1; else q=0; fi
pick() { if [[ $q == 1 ]]; then echo "$2"; else echo "$1"; fi; }   # pick <full> <quick>

RUNS="${RUNS:-3}"                                   # runs per figure (median, min-max)
WARMUP="${WARMUP:-$(pick 60 30)}"                   # seconds at saturation before figures 1-2 (C2 JIT needs ~1 min)
ACK_RATE="${ACK_RATE:-500}"                         # webhooks/s for the latency figure
ACK_DURATION="${ACK_DURATION:-$(pick 12 6)}"        # seconds per latency run
ACK_MAX_DURATION="${ACK_MAX_DURATION:-$(pick 5 3)}" # seconds per max-rate run
ACK_CONNECTIONS="${ACK_CONNECTIONS:-32}"            # concurrent connections for the max-rate run
E2E_INFLIGHT="${E2E_INFLIGHT:-256}"                 # cases open at once at saturation
E2E_DURATION="${E2E_DURATION:-$(pick 10 5)}"        # seconds per end-to-end run
E2E_RATE="${E2E_RATE:-250}"                         # new cases/s for end-to-end latency (2 replies each)
BUDGET_LIMIT="${BUDGET_LIMIT:-120}"                 # N: API units per window (Omnidesk: per minute)
BUDGET_WINDOW="${BUDGET_WINDOW:-5}"                 # window in seconds, on the stub and on the bridge alike
UNITS_LIMIT="${UNITS_LIMIT:-20}"                    # 3b: a Basic account's units per window
UNITS_WINDOW="${UNITS_WINDOW:-6}"                   # 3b: Omnidesk's minute, shortened on both sides
UNITS_CUSTOMERS="${UNITS_CUSTOMERS:-30}"            # 3b: new customers for units per message
UNITS_BACKLOG="${UNITS_BACKLOG:-60}"                # 3b: backlog of new customers on the Basic account
BUDGET_CASES="${BUDGET_CASES:-$(pick 120 50)}"      # backlog: new conversations arriving at once (5 units each)
BUDGET_RUNS="${BUDGET_RUNS:-$(pick "$RUNS" 2)}"
MEMORY_CASES="${MEMORY_CASES:-$(pick 100000 20000)}"
MEMORY_INFLIGHT="${MEMORY_INFLIGHT:-256}"
STARTUP_RUNS="${STARTUP_RUNS:-$(pick 5 3)}"
JMH="${JMH:-$(pick 1 0)}"                           # 1: JMH micro-benchmarks of parser and scenario matching
PROFILE="${PROFILE:-0}"
SCENARIOS="${SCENARIOS:-ack e2e budget units memory startup}"   # which figures to run (1..5 in this order)
CDS="${CDS:-1}"                                     # 1: the Dockerfile's class-data archive (made below, as there)
SKIP_BUILD="${SKIP_BUILD:-0}"
# Where the bridge's journal goes. On a real disk on purpose (the intake fsyncs); /tmp may be tmpfs.
RUN_DIR="${BENCH_RUN_DIR:-$HERE/target/run-$(date +%Y%m%d-%H%M%S)}"
CDS_ARCHIVE="$RUN_DIR/bridge.jsa"
# The Dockerfile's JAVA_TOOL_OPTIONS, plus MaxRAM=512m: the JVM sizes itself as in a 512 MiB container
# (MaxRAMPercentage=75 -> 384 MiB max heap). Used for every bridge process.
JVM_FLAGS_NO_CDS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:MaxRAM=512m"
if [[ "$CDS" == 1 ]]; then
  BRIDGE_JVM_FLAGS="${BRIDGE_JVM_FLAGS:--XX:SharedArchiveFile=$CDS_ARCHIVE $JVM_FLAGS_NO_CDS}"
else
  BRIDGE_JVM_FLAGS="${BRIDGE_JVM_FLAGS:-$JVM_FLAGS_NO_CDS}"
fi
DRIVER_JVM_FLAGS="${DRIVER_JVM_FLAGS:--Xms256m -Xmx1g}"
# The stub Omnidesk keeps no messages, so the bridge runs with webhook.author-check=none (BRIDGE_AUTHOR_CHECK) and
# no burst window (BRIDGE_BURST_WINDOW_MS=0): the figures measure the bridge's own work per webhook. Figures 1-2 count
# a new case as answered after two replies (greeting and answer), so the bridge sends them apart there
# (BRIDGE_JOIN_REPLIES=false; the product default joins them into one message).
# BRIDGE_EXTRA_FLAGS="-Dsome.setting=value ...": more flags / settings for every bridge process (experiments)

SECRET="bench-webhook-secret-0123456789"
CLK_TCK="$(getconf CLK_TCK 2>/dev/null || echo 100)"
JAR="${BRIDGE_JAR:-$ROOT/target/omnidesk-bot-bridge-0.1.0-SNAPSHOT-runner.jar}"   # BRIDGE_JAR: measure another build
BENCH_JAR="$HERE/target/bench.jar"
RESULTS="$RUN_DIR/results.tsv"
META="$RUN_DIR/meta.properties"

# ---------------------------------------------------------------------------------------------------- Processes
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  PIDS=()
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM

stop() { # stop <pid>: SIGTERM, up to 25 s, then SIGKILL
  local pid="$1" i
  kill "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 250; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  local kept=() p
  for p in "${PIDS[@]}"; do [[ "$p" == "$pid" ]] || kept+=("$p"); done
  PIDS=("${kept[@]+"${kept[@]}"}")
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

USED_PORTS=" "
free_port() { # a port nobody listens on (and not handed out before in this run)
  local p i
  for ((i = 0; i < 200; i++)); do
    p=$((15000 + RANDOM % 15000))   # below Linux's ephemeral range (32768+): no self-connect while polling
    if [[ "$USED_PORTS" != *" $p "* ]] && ! port_open "$p"; then
      USED_PORTS+="$p "
      echo "$p"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

wait_port() { # wait_port <port> <seconds>
  local i
  for ((i = 0; i < $2 * 20; i++)); do
    port_open "$1" && return 0
    sleep 0.05
  done
  echo "nothing listens on port $1 after $2 s" >&2
  return 1
}

bench() { # runs the harness in the foreground
  java $DRIVER_JVM_FLAGS -jar "$BENCH_JAR" "$@"
}

start_bench() { # start_bench <log> <args...>: the harness in the background; sets BENCH_PID
  local log="$1"
  shift
  java $DRIVER_JVM_FLAGS -jar "$BENCH_JAR" "$@" > >(tee "$RUN_DIR/$log") 2>&1 &
  BENCH_PID=$!
  PIDS+=("$BENCH_PID")
}

bridge_ports() { # picks BRIDGE_PORT and MGMT_PORT for the next bridge
  BRIDGE_PORT="$(free_port)"
  MGMT_PORT="$(free_port)"
}

start_bridge() { # start_bridge <label> <stub-port> [extra JVM flags...] (after bridge_ports); sets BRIDGE_PID
  # JVM_FLAGS=...: other flags than BRIDGE_JVM_FLAGS for this one bridge
  local label="$1" stub="$2"
  shift 2
  local data="$RUN_DIR/data-$label"
  rm -rf "$data"
  mkdir -p "$data"
  OMNIDESK_BASE_URL="http://127.0.0.1:$stub" \
  OMNIDESK_STAFF_EMAIL="bot@bench.invalid" \
  OMNIDESK_API_KEY="bench-api-key" \
  OMNIDESK_BOT_STAFF_ID=100 \
  OMNIDESK_BOT_LABEL_ID=200 \
  WEBHOOK_SECRET="$SECRET" \
  OMNIDESK_REQUESTS_PER_MINUTE="${BRIDGE_RPM:-10000000}" \
  OMNIDESK_RATE_WINDOW_SECONDS="${BRIDGE_WINDOW:-60}" \
  WEBHOOK_AUTHOR_CHECK="${BRIDGE_AUTHOR_CHECK:-none}" \
  DIALOG_BURST_WINDOW_MS="${BRIDGE_BURST_WINDOW_MS:-0}" \
  BOT_JOIN_REPLIES="${BRIDGE_JOIN_REPLIES:-false}" \
  java ${JVM_FLAGS:-$BRIDGE_JVM_FLAGS} ${BRIDGE_EXTRA_FLAGS:-} "$@" \
    -Dcamel.server.host=127.0.0.1 -Dcamel.server.port="$BRIDGE_PORT" \
    -Dcamel.management.host=127.0.0.1 -Dcamel.management.port="$MGMT_PORT" \
    -Dbridge.data-dir="$data" \
    -jar "$JAR" >"$RUN_DIR/bridge-$label.log" 2>&1 &
  BRIDGE_PID=$!
  PIDS+=("$BRIDGE_PID")
  echo "$BRIDGE_PID" >"$RUN_DIR/bridge-$label.pid"
}

webhook_url() { echo "http://127.0.0.1:$1/webhooks/omnidesk/$SECRET"; }

await_bench() { # await_bench <pid> <name>
  if ! wait "$1"; then
    echo "$2 failed - see $RUN_DIR" >&2
    exit 1
  fi
  local kept=() p
  for p in "${PIDS[@]}"; do [[ "$p" == "$1" ]] || kept+=("$p"); done
  PIDS=("${kept[@]+"${kept[@]}"}")
}

section() { printf '\n=== %s ===\n' "$*"; }

want() { [[ " $SCENARIOS " == *" $1 "* ]]; }

# ---------------------------------------------------------------------------------------------------- Build
mkdir -p "$RUN_DIR" "$HERE/results"
: >"$RESULTS"
if [[ "$SKIP_BUILD" != 1 ]]; then
  section "build"
  (cd "$ROOT" && mvn -B -ntp -q package -DskipTests)
  (cd "$HERE" && mvn -B -ntp -q package)
fi
[[ -f "$JAR" && -f "$BENCH_JAR" ]] || { echo "missing $JAR or $BENCH_JAR" >&2; exit 1; }
if [[ "$CDS" == 1 ]]; then
  section "class-data archive (as the Dockerfile makes it: a short sandbox run)"
  p="$(free_port)"
  java -XX:ArchiveClassesAtExit="$CDS_ARCHIVE" -Dcamel.main.duration-max-seconds=5 \
    -Dbridge.data-dir="$RUN_DIR/cds-training" -Dcamel.server.port="$p" -Dcamel.management.port="$(free_port)" \
    -Dsandbox.port="$(free_port)" -jar "$JAR" sandbox >"$RUN_DIR/cds-training.log" 2>&1
  [[ -s "$CDS_ARCHIVE" ]] || { echo "no class-data archive - see $RUN_DIR/cds-training.log" >&2; exit 1; }
  ls -l "$CDS_ARCHIVE"
fi

# ---------------------------------------------------------------------------------------------------- Machine
{
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- CPU: $(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -1), $(nproc) cores (nproc)"
  echo "- Memory: $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
  echo "- Java: $(java -version 2>&1 | head -2 | tail -1)"
  echo "- OS: $(uname -sr)"
  echo "- Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
  echo "- Disk sync write (dd 512 B, oflag=dsync, x200): $(cd "$RUN_DIR" && dd if=/dev/zero of=dsync.test bs=512 count=200 oflag=dsync 2>&1 | tail -1 | sed 's/.*copied, //'; rm -f "$RUN_DIR/dsync.test")"
  echo "- Journal directory: $(df -T "$RUN_DIR" | awk 'NR==2 {print $2}') file system ($RUN_DIR)"
} >"$RUN_DIR/machine.md"
{
  echo "runs=$RUNS"
  echo "ack.rate=$ACK_RATE"
  echo "ack.connections=$ACK_CONNECTIONS"
  echo "ack.max-duration=$ACK_MAX_DURATION"
  echo "e2e.inflight=$E2E_INFLIGHT"
  echo "e2e.rate=$E2E_RATE"
  echo "budget.limit=$BUDGET_LIMIT"
  echo "budget.window-seconds=$BUDGET_WINDOW"
  echo "budget.cases=$BUDGET_CASES"
  echo "memory.cases=$MEMORY_CASES"
  echo "memory.cache-max=100000"
  echo "jvm.flags=$BRIDGE_JVM_FLAGS"
} >"$META"
section "machine"
cat "$RUN_DIR/machine.md"

# ---------------------------------------------------------------------------------------------------- 1 + 2
# One bridge for both (warmed up once): acknowledgement vs the baseline, then end to end. The driver hosts the stub.
if want ack || want e2e; then
  section "1. webhook acknowledgement (bridge vs baseline) and 2. end to end, unlimited stub"
  STUB_PORT="$(free_port)"
  BASE_PORT="$(free_port)"
  bridge_ports
  java $DRIVER_JVM_FLAGS -jar "$BENCH_JAR" baseline --port "$BASE_PORT" --secret "$SECRET" >"$RUN_DIR/baseline.log" 2>&1 &
  BASE_PID=$!
  PIDS+=("$BASE_PID")
  echo "$BASE_PID" >"$RUN_DIR/baseline.pid"
  JFR_FLAGS=()
  if [[ "$PROFILE" == 1 ]]; then
    JFR_FLAGS=("-XX:StartFlightRecording=filename=$RUN_DIR/bridge.jfr,settings=profile,dumponexit=true")
  fi
  SKIP=()
  want ack || SKIP+=(--skip-ack)
  want e2e || SKIP+=(--skip-e2e)
  start_bench ack-e2e.log ack-e2e --stub-port "$STUB_PORT" --bridge "$(webhook_url "$BRIDGE_PORT")" \
    --baseline "$(webhook_url "$BASE_PORT")" --out "$RESULTS" --runs "$RUNS" --warmup "$WARMUP" \
    --rate "$ACK_RATE" --duration "$ACK_DURATION" --max-duration "$ACK_MAX_DURATION" --connections "$ACK_CONNECTIONS" \
    --inflight "$E2E_INFLIGHT" --e2e-duration "$E2E_DURATION" --e2e-rate "$E2E_RATE" \
    --bridge-pid-file "$RUN_DIR/bridge-main.pid" --baseline-pid-file "$RUN_DIR/baseline.pid" --clk-tck "$CLK_TCK" \
    "${SKIP[@]+"${SKIP[@]}"}"
  DRIVER_PID=$BENCH_PID
  wait_port "$STUB_PORT" 30
  start_bridge main "$STUB_PORT" "${JFR_FLAGS[@]+"${JFR_FLAGS[@]}"}"
  await_bench "$DRIVER_PID" "acknowledgement / end-to-end benchmark"
  stop "$BRIDGE_PID"
  stop "$BASE_PID"
  if [[ "$PROFILE" == 1 && -f "$RUN_DIR/bridge.jfr" ]]; then
    bench jfr-top --file "$RUN_DIR/bridge.jfr" | tee "$RUN_DIR/bridge-profile.txt"
  fi
fi

# ---------------------------------------------------------------------------------------------------- 3. Budget
if want budget; then
  section "3. API budget: stub limited to $BUDGET_LIMIT units per $BUDGET_WINDOW s, backlog of $BUDGET_CASES cases"
  STUB_PORT="$(free_port)"
  bridge_ports
  start_bench budget.log budget --stub-port "$STUB_PORT" --bridge "$(webhook_url "$BRIDGE_PORT")" --out "$RESULTS" \
    --limit "$BUDGET_LIMIT" --window-seconds "$BUDGET_WINDOW" --cases "$BUDGET_CASES" --runs "$BUDGET_RUNS"
  DRIVER_PID=$BENCH_PID
  wait_port "$STUB_PORT" 30
  BRIDGE_RPM="$BUDGET_LIMIT" BRIDGE_WINDOW="$BUDGET_WINDOW" start_bridge budget "$STUB_PORT"
  await_bench "$DRIVER_PID" "budget benchmark"
  stop "$BRIDGE_PID"
fi

# ---------------------------------------------------------------------------------------------- 3b. Units
# API units per answered message against the minimum (one write), customers per minute on a Basic account against
# the physical maximum, the wait after a 429 against retry_after: with webhook.author-check none and messages.
if want units; then
  for check in ${UNITS_CHECKS:-none messages}; do
    section "3b. API units ($check): a stateful stub, $UNITS_LIMIT units per $UNITS_WINDOW s window on a Basic account"
    STUB_PORT="$(free_port)"
    bridge_ports
    start_bench "units-$check.log" units --stub-port "$STUB_PORT" --bridge "$(webhook_url "$BRIDGE_PORT")" \
      --out "$RESULTS" --label "$check" --limit "$UNITS_LIMIT" --window-seconds "$UNITS_WINDOW" \
      --customers "$UNITS_CUSTOMERS" --backlog "$UNITS_BACKLOG"
    DRIVER_PID=$BENCH_PID
    wait_port "$STUB_PORT" 30
    BRIDGE_AUTHOR_CHECK="$check" BRIDGE_BURST_WINDOW_MS=1500 BRIDGE_WINDOW="$UNITS_WINDOW" BRIDGE_JOIN_REPLIES=true \
      start_bridge "units-$check" \
      "$STUB_PORT"
    await_bench "$DRIVER_PID" "units benchmark ($check)"
    stop "$BRIDGE_PID"
  done
fi

# ---------------------------------------------------------------------------------------------------- 4. Memory
if want memory; then
  section "4. memory after $MEMORY_CASES distinct cases ($BRIDGE_JVM_FLAGS)"
  STUB_PORT="$(free_port)"
  bridge_ports
  start_bench memory.log memory --stub-port "$STUB_PORT" --bridge "$(webhook_url "$BRIDGE_PORT")" --out "$RESULTS" \
    --cases "$MEMORY_CASES" --inflight "$MEMORY_INFLIGHT" --mgmt "http://127.0.0.1:$MGMT_PORT" \
    --pid-file "$RUN_DIR/bridge-memory.pid"
  DRIVER_PID=$BENCH_PID
  wait_port "$STUB_PORT" 30
  start_bridge memory "$STUB_PORT"
  await_bench "$DRIVER_PID" "memory benchmark"
  stop "$BRIDGE_PID"
fi

# ---------------------------------------------------------------------------------------------------- 5. Start-up
if want startup; then
  section "5. start-up: process start -> ready -> intake open ($STARTUP_RUNS runs)"
  STUB_PORT="$(free_port)"
  java $DRIVER_JVM_FLAGS -jar "$BENCH_JAR" stub --port "$STUB_PORT" >"$RUN_DIR/stub-startup.log" 2>&1 &
  STUB_PID=$!
  PIDS+=("$STUB_PID")
  wait_port "$STUB_PORT" 30
  http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$@" 2>/dev/null || true; }
  variants=(bridge)
  [[ "$CDS" == 1 ]] && variants+=(no-cds)   # the same start without the class-data archive, for comparison
  for ((run = 1; run <= STARTUP_RUNS; run++)); do
  for variant in "${variants[@]}"; do
    bridge_ports
    flags="$BRIDGE_JVM_FLAGS"
    [[ "$variant" == no-cds ]] && flags="$JVM_FLAGS_NO_CDS"
    t0=$(date +%s%N)
    JVM_FLAGS="$flags" start_bridge "startup-$variant-$run" "$STUB_PORT"
    ready="" open=""
    for ((i = 0; i < 3000; i++)); do   # at most ~60 s
      if [[ -z "$ready" && "$(http_code "http://127.0.0.1:$MGMT_PORT/observe/health/ready")" == 200 ]]; then
        ready=$(date +%s%N)
      fi
      if [[ -n "$ready" && "$(http_code -X POST "http://127.0.0.1:$BRIDGE_PORT/webhooks/omnidesk/wrong-secret-xxxxxxxx")" == 403 ]]; then
        open=$(date +%s%N)
        break
      fi
      sleep 0.01
    done
    [[ -n "$ready" && -n "$open" ]] || { echo "bridge did not become ready - see $RUN_DIR/bridge-startup-$variant-$run.log" >&2; exit 1; }
    suffix=""
    [[ "$variant" == no-cds ]] && suffix="_no_cds"
    awk -v r="$run" -v a="$t0" -v b="$ready" -v c="$open" -v x="$suffix" 'BEGIN {
      printf "startup\tbridge\tready_s%s\t%d\t%.6f\n", x, r, (b - a) / 1e9;
      printf "startup\tbridge\tintake_open_s%s\t%d\t%.6f\n", x, r, (c - a) / 1e9 }' | tee -a "$RESULTS"
    stop "$BRIDGE_PID"
  done
  done
  stop "$STUB_PID"
fi

# ---------------------------------------------------------------------------------------------------- JMH
if [[ "$JMH" == 1 ]]; then
  section "JMH: tolerant parser and scenario matching"
  (cd "$ROOT" && java -cp "$JAR:$BENCH_JAR" org.openjdk.jmh.Main -f 1 -wi 3 -w 1 -i 3 -r 1 \
    'dev.omnibridge.bench.jmh.*' 2>&1 | tee "$RUN_DIR/jmh.txt" | grep -E '^(Benchmark|ParserBench|ScenarioBench)' \
    | tee "$RUN_DIR/jmh-table.txt")
fi

# ---------------------------------------------------------------------------------------------------- Report
section "results"
bench report --results "$RESULTS" --meta "$META" --out "$RUN_DIR/table.md" >/dev/null
{
  echo "# Latest benchmark results"
  echo
  echo "Produced by \`bench/run.sh\`$([[ "$QUICK" == 1 ]] && echo " (QUICK=1)"); raw data and logs in \`bench/target/$(basename "$RUN_DIR")\`."
  echo
  echo "## Machine"
  echo
  cat "$RUN_DIR/machine.md"
  echo "- Load average after the run: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine shows up here)"
  echo
  echo "## Figures"
  echo
  cat "$RUN_DIR/table.md"
  if [[ -s "$RUN_DIR/jmh-table.txt" ]]; then
    echo
    echo "## JMH micro-benchmarks (µs per operation)"
    echo
    echo '```'
    cat "$RUN_DIR/jmh-table.txt"
    echo '```'
  fi
} >"$HERE/results/latest.md"
cp "$HERE/results/latest.md" "$RUN_DIR/latest.md"
cat "$HERE/results/latest.md"
