"""Batch throughput of spaCy over a folder of text files, for comparison with `dossier --jsonl`.

Usage: python3 scripts/bench/spacy_batch.py MODEL FOLDER
Runs MODEL (e.g. en_core_web_sm) with nlp.pipe(n_process=2) over every .txt file of FOLDER
and prints one JSON line: {"tool", "files", "words", "seconds", "words_per_s"}. Words are
counted as white-space separated pieces, as dossier counts them.
"""
import json
import os
import sys
import time

import spacy


def main():
    model, folder = sys.argv[1], sys.argv[2]
    paths = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".txt"))
    texts = [open(p, encoding="utf-8").read() for p in paths]
    words = sum(len(t.split()) for t in texts)
    nlp = spacy.load(model)
    start = time.perf_counter()
    entities = 0
    for doc in nlp.pipe(texts, n_process=2, batch_size=16):
        entities += len(doc.ents)
    seconds = time.perf_counter() - start
    print(json.dumps({"tool": f"spaCy {model} (nlp.pipe, n_process=2)", "files": len(paths), "words": words,
                      "seconds": round(seconds, 2), "words_per_s": round(words / seconds), "entities": entities}))


if __name__ == "__main__":
    main()
