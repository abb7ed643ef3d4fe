#!/usr/bin/env bash
# Training throughput on a shared machine (issue 19, item 2): `polyface train` alone, beside one CPU-bound neighbour
# (`yes > /dev/null`) and two runs started together, for several variants interleaved round by round
# (A alone, B alone, A beside yes, B beside yes, A+A, B+B, next round ...), so that the variants see the same load.
#
# Usage: polyface-bench/scripts/shared-machine.sh [-r ROUNDS] [-s STEPS] [VARIANT ...]
#   VARIANT = LABEL|ENV|ARGS: ENV (space-separated NAME=VALUE, may be empty) is set for the run, ARGS are appended to
#   the train command line; LAUNCHER=path/to/bin/polyface in ENV runs another build (e.g. a checkout of main).
#   Default variants: libgomp's own wait policy (GOMP_SPINCOUNT=300000, what libgomp does when nothing is set, i.e.
#   the launcher before issue 19) against the launcher's default (GOMP_SPINCOUNT=1000), both at PyTorch's default
#   thread count.
# Prints one line per run (round, variant, scenario, images/s, CPU seconds per 100 images, load) and a summary: median images/s per variant and scenario, beside-yes / alone and
# (sum of the two runs) / alone, with their range over the rounds. Figures are only comparable within one run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds=3 steps=40
while getopts "r:s:" o; do case "$o" in r) rounds=$OPTARG ;; s) steps=$OPTARG ;; *) exit 2 ;; esac; done
shift $((OPTIND - 1))
if [ $# -eq 0 ]; then
  set -- "libgomp-default|GOMP_SPINCOUNT=300000|" "launcher||"
fi
data="${POLYFACE_SHARED:-$root/../shared}/data/orl"
[ -d "$data" ] || { echo "shared-machine.sh: $data not found (the ORL faces of ../shared)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"${POLYFACE:-$root/bin/polyface}" --version > /dev/null   # builds once, outside the timings

# start LABEL ENV ARGS TAG: one training run in the background (its pid in $started), its JSON to $work/TAG.json
start() {
  local env_words="$2" args="$3" tag="$4" launcher="${POLYFACE:-$root/bin/polyface}"
  for w in $env_words; do case "$w" in LAUNCHER=*) launcher="${w#LAUNCHER=}" ;; esac; done
  # shellcheck disable=SC2086
  /usr/bin/time -o "$work/$tag.time" -f "%U %S" env $env_words "$launcher" train --data "$data" --arch mobilefacenet-tiny --loss arcface --steps "$steps" --batch 32 \
    --no-progress --json --out "$work/out-$tag" $args > "$work/$tag.json" 2> "$work/$tag.err" &
  started=$!
}
# CPU seconds (user + system) per 100 images of one run: what its threads burned, spinning included
cpu() { python3 -c 'import json,sys; u,s=open(sys.argv[2]).read().split()[-2:]; print("%.2f" % ((float(u)+float(s))*100/json.load(open(sys.argv[1]))["images"]))' "$1" "${1%.json}.time"; }
rate() { python3 -c 'import json,sys; print("%.2f" % json.load(open(sys.argv[1]))["images_per_second"])' "$1" 2>/dev/null \
  || { echo "shared-machine.sh: run failed, see below" >&2; cat "${1%.json}.err" >&2; exit 1; }; }

results="$work/results.tsv"
for ((r = 1; r <= rounds; r++)); do
  for scenario in alone beside-yes two-at-once; do
    for v in "$@"; do
      IFS='|' read -r label env_words args <<< "$v"
      tag="r$r-$scenario-$label"
      case "$scenario" in
        alone)
          start "$label" "$env_words" "$args" "$tag"; wait "$started" || true
          x=$(rate "$work/$tag.json"); c=$(cpu "$work/$tag.json") ;;
        beside-yes)
          yes > /dev/null & ypid=$!
          start "$label" "$env_words" "$args" "$tag"; wait "$started" || true
          kill "$ypid"; wait "$ypid" 2> /dev/null || true
          x=$(rate "$work/$tag.json"); c=$(cpu "$work/$tag.json") ;;
        two-at-once)
          start "$label" "$env_words" "$args" "$tag-1"; p1=$started
          start "$label" "$env_words" "$args" "$tag-2"; wait "$p1" || true; wait "$started" || true
          x=$(python3 -c 'import sys; print("%.2f" % (float(sys.argv[1]) + float(sys.argv[2])))' \
            "$(rate "$work/$tag-1.json")" "$(rate "$work/$tag-2.json")"); c=$(cpu "$work/$tag-1.json") ;;
      esac
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$label" "$scenario" "$x" "$c" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$results"
    done
  done
done

python3 - "$results" <<'EOF'
import sys, statistics, collections
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
by = collections.defaultdict(dict)
cpu = collections.defaultdict(list)
for r, label, scenario, x, c, load in rows:
    by[label].setdefault(scenario, {})[int(r)] = float(x)
    cpu[(label, scenario)].append(float(c))
print("\nimages/s (median [min..max] over rounds); 'two-at-once' is the sum of both runs")
print("%-18s %-22s %-22s %-22s %-24s %-24s" % ("variant", "alone", "beside yes", "two at once", "beside/alone", "two/alone"))
def fmt(v): return "%.1f [%.1f..%.1f]" % (statistics.median(v), min(v), max(v))
def fmtr(v): return "%.2f [%.2f..%.2f]" % (statistics.median(v), min(v), max(v))
for label, s in by.items():
    a, y, t = s["alone"], s["beside-yes"], s["two-at-once"]
    ry = [y[r] / a[r] for r in a]; rt = [t[r] / a[r] for r in a]
    print("%-18s %-22s %-22s %-22s %-24s %-24s" % (label, fmt(list(a.values())), fmt(list(y.values())),
          fmt(list(t.values())), fmtr(ry), fmtr(rt)))
print("\nCPU seconds (user + system) per 100 images, median over rounds (alone / beside yes / one of the two):")
for label in by:
    print("%-18s %s" % (label, " / ".join("%.2f" % statistics.median(cpu[(label, s)]) for s in ("alone", "beside-yes", "two-at-once"))))
EOF
echo "processor: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) CPUs; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
