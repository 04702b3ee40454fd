#!/usr/bin/env python3
"""Writes corpora/sample/{train,dev,test}.conllu: a small synthetic English treebank from a hand-written
grammar (UD labels, UPOS and PTB XPOS), so the parser's main command runs with no external corpus.
Deterministic: rerunning reproduces the committed files."""
import random
import os

DET = [("the", "DT"), ("a", "DT"), ("this", "DT"), ("every", "DT")]
ADJ = ["small", "old", "red", "quick", "happy", "long", "new", "quiet"]
NOUN = ["dog", "cat", "student", "parser", "sentence", "teacher", "book", "city", "model", "river", "tree", "machine"]
NOUNS = ["dogs", "students", "books", "models", "trees", "cities"]
PROPN = ["Alice", "Bob", "Stanford", "Paris", "Chris"]
PRON = [("I", "PRP"), ("she", "PRP"), ("he", "PRP"), ("they", "PRP"), ("we", "PRP")]
VERB_T = [("parsed", "VBD"), ("saw", "VBD"), ("read", "VBD"), ("liked", "VBD"), ("found", "VBD"), ("trained", "VBD"), ("wrote", "VBD")]
VERB_I = [("slept", "VBD"), ("arrived", "VBD"), ("laughed", "VBD"), ("waited", "VBD")]
ADV = ["correctly", "quickly", "yesterday", "again", "slowly"]
PREP = ["in", "near", "with", "on", "under"]


class Sent:
    def __init__(self):
        self.toks = []  # [form, lemma, upos, xpos, head, deprel]

    def add(self, form, upos, xpos, lemma=None):
        self.toks.append([form, lemma or form.lower(), upos, xpos, 0, "_"])
        return len(self.toks)

    def attach(self, dep, head, rel):
        self.toks[dep - 1][4] = head
        self.toks[dep - 1][5] = rel


def noun_phrase(s, rng, allow_pp=True):
    """Adds an NP, returns the index of its head noun."""
    r = rng.random()
    if r < 0.15:
        return s.add(rng.choice(PROPN), "PROPN", "NNP", None)
    mods = []
    plural = rng.random() < 0.25
    if not plural or rng.random() < 0.5:
        form, xpos = rng.choice(DET[:2] if plural else DET)
        if plural:
            form, xpos = "the", "DT"
        mods.append((s.add(form, "DET", xpos), "det"))
    for _ in range(rng.choice([0, 0, 1, 1, 2])):
        mods.append((s.add(rng.choice(ADJ), "ADJ", "JJ"), "amod"))
    head = s.add(rng.choice(NOUNS) if plural else rng.choice(NOUN), "NOUN", "NNS" if plural else "NN")
    for m, rel in mods:
        s.attach(m, head, rel)
    if allow_pp and rng.random() < 0.2:
        case = s.add(rng.choice(PREP), "ADP", "IN")
        obj = noun_phrase(s, rng, allow_pp=False)
        s.attach(case, obj, "case")
        s.attach(obj, head, "nmod")
    return head


def sentence(rng):
    s = Sent()
    if rng.random() < 0.35:
        form, xpos = rng.choice(PRON)
        subj = s.add(form, "PRON", xpos, form.lower() if form != "I" else "I")
    else:
        subj = noun_phrase(s, rng)
    aux = s.add("will", "AUX", "MD") if rng.random() < 0.15 else None
    transitive = rng.random() < 0.75
    if transitive:
        form, xpos = rng.choice(VERB_T)
    else:
        form, xpos = rng.choice(VERB_I)
    if aux:
        form, xpos = {"parsed": "parse", "saw": "see", "read": "read", "liked": "like", "found": "find", "trained": "train",
                      "wrote": "write", "slept": "sleep", "arrived": "arrive", "laughed": "laugh", "waited": "wait"}[form], "VB"
    verb = s.add(form, "VERB", xpos)
    s.attach(subj, verb, "nsubj")
    if aux:
        s.attach(aux, verb, "aux")
    if transitive:
        s.attach(noun_phrase(s, rng), verb, "obj")
    if rng.random() < 0.3:
        case = s.add(rng.choice(PREP), "ADP", "IN")
        obl = noun_phrase(s, rng, allow_pp=False)
        s.attach(case, obl, "case")
        s.attach(obl, verb, "obl")
    if rng.random() < 0.3:
        s.attach(s.add(rng.choice(ADV), "ADV", "RB"), verb, "advmod")
    s.attach(verb, 0, "root")
    if rng.random() < 0.8:
        s.attach(s.add(".", "PUNCT", "."), verb, "punct")
    return s


def write(path, sents, prefix):
    with open(path, "w", encoding="utf-8") as f:
        for i, s in enumerate(sents, 1):
            f.write(f"# sent_id = {prefix}-{i:04d}\n")
            f.write("# text = " + " ".join(t[0] for t in s.toks) + "\n")
            for j, (form, lemma, upos, xpos, head, rel) in enumerate(s.toks, 1):
                f.write(f"{j}\t{form}\t{lemma}\t{upos}\t{xpos}\t_\t{head}\t{rel}\t{head}:{rel}\t_\n")
            f.write("\n")


def seed_sentence():
    s = Sent()
    for form, upos, xpos in [("I", "PRON", "PRP"), ("parsed", "VERB", "VBD"), ("this", "DET", "DT"), ("sentence", "NOUN", "NN"),
                             ("correctly", "ADV", "RB")]:
        s.add(form, upos, xpos, form if form == "I" else None)
    for dep, head, rel in [(1, 2, "nsubj"), (2, 0, "root"), (3, 4, "det"), (4, 2, "obj"), (5, 2, "advmod")]:
        s.attach(dep, head, rel)
    return s


if __name__ == "__main__":
    rng = random.Random(224)
    out = os.path.join(os.path.dirname(__file__), "..", "corpora", "sample")
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, "train.conllu"), [seed_sentence()] + [sentence(rng) for _ in range(599)], "sample-train")
    write(os.path.join(out, "dev.conllu"), [sentence(rng) for _ in range(100)], "sample-dev")
    write(os.path.join(out, "test.conllu"), [sentence(rng) for _ in range(100)], "sample-test")
