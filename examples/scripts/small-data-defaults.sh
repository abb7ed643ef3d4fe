#!/usr/bin/env bash
# Measures `train` settings on ORL for the small-data recipe (README, Training: "Defaults on small data").
# Each setting trains mobilefacenet-tiny with ArcNegFace on s1-s30 (--holdout-ids 10 holds out s31-s40, natural
# order) and reads the held-out all-pairs TAR@FAR (450 genuine, 4,500 impostor pairs) from `train --json`.
#
# Usage: examples/scripts/small-data-defaults.sh RESULTS.tsv SEEDS "NAME|OPTIONS" ...
#        examples/scripts/small-data-defaults.sh --summary RESULTS.tsv
#   e.g. examples/scripts/small-data-defaults.sh /tmp/sd.tsv "1 2 3" "untrained|untrained" "default|"
# A setting's OPTIONS are appended to `train --data ORL --holdout-ids 10 --seed S --json`; "default|" is the recipe.
# A setting whose OPTIONS start with "untrained" is the network as initialised from the seed, no training step, batch-norm
# statistics at their initial values (OrlEndToEndTest's "untrained"): untrained-model.jsh exports it, `eval --model`
# scores all pairs of s31-s40 (--align none --no-flip, as the trainer's held-out evaluation). "untrained --embedding 512"
# sets the embedding size. (`train --lr 1e-30 --steps 1` would be the same weights with recalibrated batch norm.)
# Environment: POLYFACE (the launcher, default bin/polyface), POLYFACE_CP (its classpath, for jshell), ORL (default
# ../shared/data/orl), WORK (run folders and a copy of s31-s40; default a new temporary folder). README figures were
# measured with OMP_NUM_THREADS=1.
# Appends one line per run: setting, seed, TAR@FAR=1e-1, TAR@FAR=1e-2, TAR@FAR=1e-3, steps, seconds (seconds are
# wall time on whatever machine ran it, not a benchmark).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

if [ "${1:-}" = "--summary" ]; then
  # setting -> mean [min, max] over seeds of TAR@FAR=1e-2 and 1e-1, in the order settings first appear
  awk -F'\t' '!($1 in n) { order[++k] = $1 }
    { n[$1]++; s2[$1] += $4; s1[$1] += $3
      if (!($1 in lo2) || $4 < lo2[$1]) lo2[$1] = $4; if (!($1 in hi2) || $4 > hi2[$1]) hi2[$1] = $4
      if (!($1 in lo1) || $3 < lo1[$1]) lo1[$1] = $3; if (!($1 in hi1) || $3 > hi1[$1]) hi1[$1] = $3
      seeds[$1] = seeds[$1] (seeds[$1] == "" ? "" : ",") $2 }
    END { print "| setting | seeds | TAR@FAR=1e-2 mean [min, max] | TAR@FAR=1e-1 mean [min, max] |"; print "|---|---|---|---|"
      for (i = 1; i <= k; i++) { x = order[i]
        printf "| %s | %s | %.3f [%.3f, %.3f] | %.3f [%.3f, %.3f] |\n", x, seeds[x], s2[x] / n[x], lo2[x], hi2[x], s1[x] / n[x], lo1[x], hi1[x] } }' "$2"
  exit 0
fi

results="$1"; seeds="$2"; shift 2
polyface="${POLYFACE:-$root/bin/polyface}"
orl="${ORL:-$root/../shared/data/orl}"
work="${WORK:-$(mktemp -d)}"
[ -d "$orl/s40" ] || { echo "small-data-defaults: $orl is not the ORL folder (s1..s40 expected)" >&2; exit 2; }
heldout="$work/heldout"
if [ ! -d "$heldout" ]; then
  mkdir -p "$heldout"
  for i in $(seq 31 40); do cp -r "$orl/s$i" "$heldout/"; done
fi
untrained() { # seed options -> one TSV line
  local model="$work/untrained-$1.onnx" cp
  "$polyface" --version > /dev/null
  cp="${POLYFACE_CP:-$root/examples/target/polyface-cli.jar:$(cat "$root/examples/target/classpath.txt")}"
  SEED="$1" OUT="$model" ORL="$orl" OPTIONS="$2" jshell --class-path "$cp" -R-Dai.djl.offline=true \
      -R-Dorg.slf4j.simpleLogger.defaultLogLevel=error "$root/examples/scripts/untrained-model.jsh" > /dev/null 2>&1
  "$polyface" eval --model "$model" --images "$heldout" --align none --no-flip --far 0.1,0.01,0.001 --json 2> /dev/null \
    | jq -r '[.results[] | {key: (.far | tostring), value: .tar}] | from_entries | [.["0.1"], .["0.01"], .["0.001"]] | @tsv'
}
for setting in "$@"; do
  name="${setting%%|*}"; opts="${setting#*|}"
  for seed in $seeds; do
    out="$work/$(printf %s "$name" | tr -c 'A-Za-z0-9.-' '_')-$seed"
    rm -rf "$out"
    start=$(date +%s)
    if [[ "$opts" == untrained* ]]; then
      printf '%s\t%s\t%s\t0\t%s\n' "$name" "$seed" "$(untrained "$seed" "${opts#untrained}")" "$(( $(date +%s) - start ))" >> "$results"
      continue
    fi
    # shellcheck disable=SC2086
    if ! line=$("$polyface" train --data "$orl" --holdout-ids 10 --seed "$seed" --out "$out" --json --no-progress $opts \
        2> "$out.log" | tail -1); then
      echo "small-data-defaults: '$name' seed $seed failed, see $out.log" >&2
      continue
    fi
    end=$(date +%s)
    echo "$line" | jq -r --arg n "$name" --arg s "$seed" --arg t "$((end - start))" \
        '[$n, $s, .tar["0.1"], .tar["0.01"], .tar["0.001"], .steps, $t] | @tsv' >> "$results"
    rm -rf "$out"
  done
done
