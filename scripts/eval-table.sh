#!/usr/bin/env bash
# Regenerates the entity evaluation table: Dossier (whole analysis and tagger alone) against
# spaCy en_core_web_sm and en_core_web_md, exact-span P/R/F1 over the mapped labels, on text
# rebuilt by joining the corpus tokens with spaces. Prints a Markdown table.
#
#   scripts/eval-table.sh [CORPORA_DIR]      (default ../shared/corpora)
#
# spaCy columns need a Python with spaCy 3.8 and the two pipelines (see scripts/spacy_eval.py);
# set PYTHON to it (default python3). Without spaCy those columns read "n/a".
set -euo pipefail
cd "$(dirname "$0")/.."
CORPORA=${1:-../shared/corpora}
PYTHON=${PYTHON:-python3}
cargo build --release --quiet --bin dossier
BIN=${CARGO_TARGET_DIR:-target}/release/dossier
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

score() { # preset, extra args... -> "P / R / **F1**"
  local preset=$1; shift
  "$BIN" eval --preset "$preset" --corpora "$CORPORA" "$@" 2>/dev/null |
    awk '$1=="ALL" {printf "%s / %s / **%s**", $7, $9, $11}'
}

has_spacy=1
"$PYTHON" -c "import spacy" 2>/dev/null || has_spacy=0

echo "| corpus (labels scored) | Dossier | Dossier tagger alone | spaCy sm | spaCy md |"
echo "|---|---|---|---|---|"
for preset in wikigold wnut17 re3d uner; do
  case $preset in
    wikigold) name="WikiGold (PER, ORG, LOC)";;
    wnut17) name="WNUT-17 test (person, location, corporation+group, product, creative-work)";;
    re3d) name="re3d test (Person, Organisation, Location, Nationality)";;
    uner) name="UNER EWT test (PER, ORG, LOC)";;
  esac
  ours=$(score $preset)
  tagger=$(score $preset --only tagger)
  sm=n/a; md=n/a
  if [ $has_spacy = 1 ]; then
    "$BIN" eval --preset $preset --corpora "$CORPORA" --dump "$TMP/$preset.jsonl" >/dev/null 2>&1
    for m in sm md; do
      "$PYTHON" scripts/spacy_eval.py $m "$TMP/$preset.jsonl" "$TMP/$preset.$m.jsonl"
    done
    sm=$(score $preset --predictions "$TMP/$preset.sm.jsonl")
    md=$(score $preset --predictions "$TMP/$preset.md.jsonl")
  fi
  echo "| $name | $ours | $tagger | $sm | $md |"
done
echo
echo "Exact-span precision / recall / **F1**, in %. Regenerate: \`scripts/eval-table.sh\`."
