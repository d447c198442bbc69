#!/usr/bin/env bash
# Seeds the fuzz corpora from the sample articles, the test cases and the Recognizers-Text specs.
set -euo pipefail
cd "$(dirname "$0")"
for t in decode segment figures analyse; do mkdir -p "corpus/$t"; done
i=0
for f in ../../shared/samples/*.txt; do
  [ -f "$f" ] || continue
  for t in decode segment figures analyse; do cp "$f" "corpus/$t/sample-$i"; done
  i=$((i+1))
done
# Every quoted "text"/"Input" string of the cases and specs, one per file.
python3 - <<'PY'
import glob, json, os, re
seeds = []
for path in glob.glob('../tests/cases/*.toml'):
    seeds += re.findall(r'^text = "(.*)"$', open(path, encoding='utf-8').read(), re.M)
for path in glob.glob('../../shared/specs/recognizers-text/Specs/*/English/*.json'):
    try:
        seeds += [case.get('Input', '') for case in json.load(open(path, encoding='utf-8-sig'))]
    except Exception:
        pass
seeds = [s for s in dict.fromkeys(seeds) if s]
for t in ('decode', 'segment', 'figures', 'analyse'):
    for i, s in enumerate(seeds[:3000]):
        with open(f'corpus/{t}/seed-{i}', 'w', encoding='utf-8') as f:
            f.write(s)
print(f'{len(seeds[:3000])} seeds per target')
PY
