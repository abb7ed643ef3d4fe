#!/usr/bin/env bash
# A/B runs of two builds of polyface-bench, interleaved (A, B, A, B, ...), so that both see the same machine load.
#
#   polyface-bench/scripts/ab-jars.sh snapshot DIR [CHECKOUT]
#       copies CHECKOUT's (default: this checkout's) built polyface-bench jar and the PolyFace module jars on its classpath into DIR (build
#       first: mvn -B -o -DskipTests package -pl polyface-bench -am), so that DIR stays runnable while the sources change.
#       A baseline from another commit: mkdir -p /tmp/main && git archive main | tar -x -C /tmp/main && (cd /tmp/main && mvn -B -o -q
#       -DskipTests package -pl polyface-bench -am) && ab-jars.sh snapshot /tmp/bench-main /tmp/main
#   polyface-bench/scripts/ab-jars.sh run ROUNDS DIR_A DIR_B MAIN_CLASS [ARGS ...]
#       runs MAIN_CLASS ARGS from DIR_A, then DIR_B, ROUNDS times, each output preceded by "== round R: DIR".
#       MAIN_CLASS is e.g. org.openjdk.jmh.Main (JMH) or io.polyface.bench.eval.AllPairsEvalBenchmark.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
case "${1:-}" in
  snapshot)
    dir="${2:?snapshot needs DIR}"
    root="$(cd "${3:-$root}" && pwd)"
    mkdir -p "$dir"
    cp "$root/polyface-bench/target/polyface-bench.jar" "$dir/"
    cp_out=""
    IFS=":" read -ra entries < "$root/polyface-bench/target/classpath.txt" || true  # no final newline
    for e in "${entries[@]}"; do
      case "$e" in
        "$root"/*) cp "$e" "$dir/"; e="$dir/$(basename "$e")" ;;
      esac
      cp_out="${cp_out:+$cp_out:}$e"
    done
    printf '%s' "$cp_out" > "$dir/classpath.txt"
    echo "ab-jars.sh: $dir holds polyface-bench.jar and classpath.txt ($(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'))"
    ;;
  run)
    rounds="${2:?run needs ROUNDS}" a="${3:?run needs DIR_A}" b="${4:?run needs DIR_B}" main="${5:?run needs MAIN_CLASS}"
    shift 5
    echo "processor: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) CPUs"
    for ((r = 1; r <= rounds; r++)); do
      for dir in "$a" "$b"; do
        echo "== round $r: $dir (load average $(cut -d' ' -f1 /proc/loadavg))"
        GOMP_SPINCOUNT="${GOMP_SPINCOUNT:-1000}" java ${POLYFACE_JAVA_OPTS:--Xmx8g} -Dai.djl.offline=true \
          -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Djava.awt.headless=true \
          -cp "$dir/polyface-bench.jar:$(cat "$dir/classpath.txt")" "$main" "$@"
      done
    done
    ;;
  *)
    sed -n '2,13p' "${BASH_SOURCE[0]}" >&2
    exit 2
    ;;
esac
