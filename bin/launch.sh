# Shared by bin/polyface and bin/polyface-bench (sourced, not run): builds MODULE's jar and runtime classpath with
# Maven when missing or older than any pom/main source (build output to stderr), then runs MAIN_CLASS.
# Expects: root, module, jar_name, main_class; optional: jvm_options_file (JVM options read from that file once built);
# passes "$@" through.
set -euo pipefail
jar="$root/$module/target/$jar_name"
cp_file="$root/$module/target/classpath.txt"

needs_build() {
  [ -f "$jar" ] && [ -f "$cp_file" ] || return 0
  [ -n "$(find "$root" -path '*/target' -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -type f -newer "$jar" -print -quit)" ]
}

if needs_build; then
  echo "polyface: building $module (first use or sources changed; build output goes to stderr) ..." >&2
  (cd "$root" && mvn -B -o -DskipTests -Dmaven.javadoc.skip=true package -pl "$module" -am >&2) \
    || (cd "$root" && mvn -B -DskipTests package -pl "$module" -am >&2) \
    || { echo "polyface: build failed (see above)" >&2; exit 1; }
fi
extra_opts=""
if [ -n "${jvm_options_file:-}" ]; then extra_opts="$(cat "$root/$module/$jvm_options_file")"; fi
# libtorch's OpenMP runtime (GNU libgomp) reads its wait policy once, when the JVM loads libtorch, so it is set here:
# by default each waiting thread spins about 300,000 iterations at every barrier, which on a machine shared with
# other CPU-bound work (or a second training run) takes the cores the others need (README, Performance). A short spin
# of 1,000 iterations (a few microseconds) before sleeping keeps that (training beside a busy neighbour: 0.51 of alone,
# two runs at once: 1.00) and spares small operators the wake-up of a sleeping thread (batch-1 inference ~30% faster
# than with OMP_WAIT_POLICY=PASSIVE, which sleeps at once). A user's own OMP_WAIT_POLICY or GOMP_SPINCOUNT wins.
if [ -z "${OMP_WAIT_POLICY:-}" ] && [ -z "${GOMP_SPINCOUNT:-}" ]; then
  export GOMP_SPINCOUNT=1000
fi
# glibc's malloc, which libtorch's CPU allocator uses, read once at process start: Java threads allocate in per-thread
# arenas of at most 64 MB and blocks above the (adaptive) mmap threshold are mapped and unmapped on every call, so each
# forward pass or training step of a batch pays the kernel's page faults again (y1 at batch 32: ~100,000 faults and a
# third of the time). One arena, a 1 GiB mmap threshold and a 4 GiB trim threshold keep freed activation memory for
# the next batch (README, Performance). A user's own MALLOC_* or GLIBC_TUNABLES setting wins.
if [ -z "${MALLOC_ARENA_MAX:-}${MALLOC_MMAP_THRESHOLD_:-}${MALLOC_TRIM_THRESHOLD_:-}${GLIBC_TUNABLES:-}" ]; then
  export MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=1073741824 MALLOC_TRIM_THRESHOLD_=4294967296
fi
# the path this launcher was started as: commands print it in "resume with: ..." lines
export POLYFACE_LAUNCHER="$0"
exec java ${POLYFACE_JAVA_OPTS:--Xmx8g} $extra_opts -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.logFile=System.err -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda=error -Dorg.slf4j.simpleLogger.log.ai.djl.onnxruntime.engine.OrtEngine=error -Djava.awt.headless=true \
  -cp "$jar:$(cat "$cp_file")" "$main_class" "$@"
