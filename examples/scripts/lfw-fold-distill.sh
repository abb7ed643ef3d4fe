#!/usr/bin/env bash
# LFW benchmark of distillation (issue 17, item 8; README, Distillation: "LFW, people outside the evaluated fold").
# LFW View 2's ten folds are disjoint in people. For fold F this script
#   1. splits ../shared/data/lfw/images by person: the people named in fold F's 600 pairs are held out, every image of
#      every other person is the transfer set (links in WORK, nothing copied);
#   2. distils the teacher into the --budget 0.2G student on the transfer set (`polyface distill`, YuNet alignment);
#   3. trains the label-only student on the same aligned crops, same architecture, input and length (`polyface train`
#      from labels, the small-data recipe otherwise);
#   4. scores teacher, distilled and label-only through the same pipeline (`polyface eval --model M`, YuNet alignment,
#      test-time flip): fold F's accuracy under the LFW protocol (threshold chosen on the other nine folds), and all
#      pairs of the held-out people's images (TAR at FAR 1e-3 and 1e-2 over hundreds of thousands of impostor pairs:
#      fold F alone has 300 impostor pairs, too few for FAR 1e-3).
# The students saw the people of the other nine folds, so only fold F's figures are clean; the script prints no mean.
#
# Usage: examples/scripts/lfw-fold-distill.sh [-f FOLD] [-e EPOCHS] [-t TEACHER.onnx] WORK
#   FOLD 1-10 (default 1); EPOCHS over the transfer set for both students (default 4); WORK a new or reused folder
#   (a finished step is not run again: delete its folder to redo it).
# Environment: POLYFACE (the launcher, default bin/polyface), LFW (default ../shared/data/lfw).
# Prints one tab-separated line per model: model, student FLOPs (LFR rule; "-" for the teacher), fold accuracy,
# all-pairs TAR@FAR=1e-3, TAR@FAR=1e-2, training seconds (wall time on whatever machine ran it, not a benchmark).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
fold=1 epochs=4 teacher="$root/../shared/models/fr_feature.onnx"
while getopts "f:e:t:" o; do case "$o" in f) fold=$OPTARG ;; e) epochs=$OPTARG ;; t) teacher=$OPTARG ;; *) exit 2 ;; esac; done
shift $((OPTIND - 1))
[ $# -eq 1 ] || { echo "usage: lfw-fold-distill.sh [-f FOLD] [-e EPOCHS] [-t TEACHER.onnx] WORK" >&2; exit 2; }
work="$1"
polyface="${POLYFACE:-$root/bin/polyface}"
lfw="${LFW:-$root/../shared/data/lfw}"
[ -f "$lfw/pairs.txt" ] && [ -d "$lfw/images" ] || { echo "lfw-fold-distill: $lfw is not LFW (pairs.txt and images/ expected)" >&2; exit 2; }
[[ "$fold" =~ ^([1-9]|10)$ ]] || { echo "lfw-fold-distill: -f takes a fold from 1 to 10, got '$fold'" >&2; exit 2; }
[ -f "$teacher" ] || { echo "lfw-fold-distill: teacher $teacher not found" >&2; exit 2; }
command -v jq > /dev/null || { echo "lfw-fold-distill: needs jq (apt-get install jq)" >&2; exit 2; }
mkdir -p "$work"

if [ ! -d "$work/train" ]; then
  # fold F = lines 2 + (F-1)*2n .. 1 + F*2n of pairs.txt (header: folds, n); a genuine line has 3 fields, an impostor 4
  awk -F'\t' -v f="$fold" 'NR == 1 { n = $2; next }
    NR >= 2 + (f - 1) * 2 * n && NR <= 1 + f * 2 * n { print $1; if (NF == 4) print $3 }' "$lfw/pairs.txt" \
    | sort -u > "$work/heldout-people.txt"
  mkdir -p "$work/train.tmp" "$work/heldout"
  for dir in "$lfw"/images/*/; do
    person="$(basename "$dir")"
    if grep -qxF "$person" "$work/heldout-people.txt"; then dst="$work/heldout/$person"; else dst="$work/train.tmp/$person"; fi
    mkdir -p "$dst" && ln -sf "$dir"*.jpg "$dst/"
  done
  mv "$work/train.tmp" "$work/train"
fi
echo "fold $fold: $(wc -l < "$work/heldout-people.txt") held-out people ($(find "$work/heldout" -name '*.jpg' | wc -l) images)," \
  "transfer set $(find "$work/train" -name '*.jpg' | wc -l) images" >&2

timed() { # OUT LOG command... : runs it unless OUT/model.onnx exists; its wall seconds to OUT.seconds
  local out="$1" log="$2"; shift 2
  [ -f "$out/model.onnx" ] && return 0
  local start; start=$(date +%s)
  "$@" > "$log" 2> "$log.err" || { echo "lfw-fold-distill: failed, see $log.err" >&2; exit 1; }
  echo $(( $(date +%s) - start )) > "$out.seconds"
}
timed "$work/distill" "$work/distill.json" "$polyface" distill --teacher "$teacher" --data "$work/train" --budget 0.2G \
  --epochs "$epochs" --out "$work/distill" --json --no-progress
summary() { tail -n 1 "$work/distill.json" | jq -r "$1"; }   # distill --json ends standard output with one JSON line
timed "$work/label" "$work/label.json" "$polyface" train --data "$work/distill/aligned/aligned.txt" --arch "$(summary .student)" \
  --input "$(summary .student_input)" --loss arcnegface --epochs "$epochs" --batch 64 --out "$work/label" --json --no-progress

score() { # NAME MODEL FLOPS SECONDS -> one line
  local name="$1" model="$2"
  [ -f "$work/$name.fold.json" ] || "$polyface" eval --pairs "$lfw/pairs.txt" --model "$model" --images "$lfw/images" \
    --far 1e-3 --json > "$work/$name.fold.json" 2> "$work/$name.fold.err"
  [ -f "$work/$name.heldout.json" ] || "$polyface" eval --model "$model" --images "$work/heldout" --far 1e-3,1e-2 --json \
    > "$work/$name.heldout.json" 2> "$work/$name.heldout.err"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$3" \
    "$(jq -r --argjson f "$fold" '.folds[] | select(.fold == $f) | .test_accuracy' "$work/$name.fold.json")" \
    "$(jq -r '.results[] | select(.far == 0.001) | .tar' "$work/$name.heldout.json")" \
    "$(jq -r '.results[] | select(.far == 0.01) | .tar' "$work/$name.heldout.json")" "$4"
}
flops=$(summary .student_flops)
printf 'model\tflops_lfr\tfold%s_accuracy\ttar_far_1e-3\ttar_far_1e-2\ttraining_seconds\n' "$fold"
score teacher "$teacher" - -
score distilled "$work/distill/model.onnx" "$flops" "$(cat "$work/distill.seconds")"
score label-only "$work/label/model.onnx" "$flops" "$(cat "$work/label.seconds")"
