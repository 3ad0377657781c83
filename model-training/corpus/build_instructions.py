#!/usr/bin/env python3
"""Builds the demo instruction dataset of the Model Factory from WordNet (Debian's wordnet-base), byte for byte.

Standard library only; the output depends only on /usr/share/wordnet/data.{noun,verb} (sorted selection by SHA-256,
no hash-order iteration), so the same package version gives the same bytes. See instructions/README.md.

Six subject areas, one per WordNet lexicographer file, so that each demo contributor of the DataNet owns one:
animals (noun.animal), plants (noun.plant), food and drink (noun.food), the human body (noun.body), people
(noun.person) and motion verbs (verb.motion). From each area a fixed selection of synsets (ranked by SHA-256 of
"instructions:" + their offset) gives
  - train.jsonl:       questions about the first TRAIN synsets: "What is a lion?" (the definition, in the sentence
                       form of the base model's pretraining corpus) and "What kind of thing is a lion?" (its hypernym);
  - heldout.jsonl:     the same two questions about the next HELD_OUT synsets, never in train.jsonl;
  - paraphrases.jsonl: the questions of the first PARAPHRASED training synsets reworded by other templates
                       ("Can you tell me what a lion is?"), with the training answers.
Each line is {"instruction": ..., "response": ..., "subject": ...}.
"""

import hashlib
import json
import os
import re
import sys

WORDNET = "/usr/share/wordnet"

# (subject, data file, lexicographer file number, lexicographer file name)
SUBJECTS = (
    ("animals", "noun", "05", "noun.animal"),
    ("plants", "noun", "20", "noun.plant"),
    ("food and drink", "noun", "13", "noun.food"),
    ("the human body", "noun", "08", "noun.body"),
    ("people", "noun", "18", "noun.person"),
    ("motion verbs", "verb", "38", "verb.motion"),
)
TRAIN = 360
HELD_OUT = 40
PARAPHRASED = 40
MAX_DEFINITION_WORDS = 16

NOUN_DEFINITION = "What is {a} {w}?"
NOUN_KIND = "What kind of thing is {a} {w}?"
VERB_DEFINITION = "What does it mean to {w}?"
VERB_KIND = 'Which more general verb includes "{w}"?'
NOUN_DEFINITION_PARAPHRASES = (
    "Can you tell me what {a} {w} is?",
    'What does the word "{w}" mean?',
    "Define {w}.",
    "Explain what {a} {w} is.",
)
NOUN_KIND_PARAPHRASES = (
    "{A} {w} is a kind of what?",
    "Which broader category does {a} {w} belong to?",
)
VERB_DEFINITION_PARAPHRASES = (
    'What does the verb "{w}" mean?',
    "Define the verb to {w}.",
    "Explain what it means to {w}.",
)
VERB_KIND_PARAPHRASES = ("To {w} is a way to do what?",)


def rank(key):
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def clean(text):
    return re.sub(r"\s+", " ", text).strip()


def lemma(raw):
    return re.sub(r"\([a-z]+\)$", "", raw).replace("_", " ")


def article(word):
    return "an" if word[0].lower() in "aeiou" else "a"


def sentence(text):
    text = text.strip().rstrip(";").strip()
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".?!" else text + "."


def read(data_file):
    """offset -> (lexicographer file number, lemmas, definition, hypernym offsets) of one WordNet data file."""
    synsets = {}
    with open(os.path.join(WORDNET, "data." + data_file), encoding="utf-8") as f:
        for line in f:
            if line.startswith("  "):
                continue  # licence header
            fields, _, gloss = line.partition(" | ")
            tokens = fields.split()
            offset, lexfile, count = tokens[0], tokens[1], int(tokens[3], 16)
            words = []
            for i in range(count):
                w = lemma(tokens[4 + 2 * i])
                if w not in words:
                    words.append(w)
            p = 4 + 2 * count
            pointers = int(tokens[p])
            hypernyms = [tokens[p + 1 + 4 * i + 1] for i in range(pointers) if tokens[p + 1 + 4 * i] in ("@", "@i")]
            parts = [s.strip() for s in clean(gloss).split(";")]
            definitions = [s for s in parts if s and not s.startswith('"')]
            definition = re.sub(r"^\([^)]*\)\s*", "", "; ".join(definitions)) if definitions else ""
            synsets[offset] = (lexfile, words, definition, hypernyms)
    return synsets


def eligible(words, definition):
    """Everyday headwords with short definitions: lower-case single words, no taxonomic or proper names."""
    head = words[0]
    return (
        re.fullmatch(r"[a-z]{3,}", head) is not None
        and definition != ""
        and len(definition.split()) <= MAX_DEFINITION_WORDS
        and not re.match(r"(genus|family|order|class|phylum) ", definition)
    )


def questions(data_file, synsets, offset):
    """The (definition, kind) question/answer pairs of one synset and the words the paraphrases need."""
    _, words, definition, hypernyms = synsets[offset]
    w = words[0]
    a = article(w)
    pairs = []
    if data_file == "noun":
        # the sentence form of the pretraining corpus (build_corpus.py): "A lion is large gregarious predatory feline ..."
        pairs.append(("definition", NOUN_DEFINITION.format(a=a, w=w), sentence(f"{a} {w} is {definition}")))
    else:
        pairs.append(("definition", VERB_DEFINITION.format(w=w), sentence(f"to {w} is to {definition}")))
    if hypernyms:
        general = synsets[hypernyms[0]][1][0]
        if data_file == "noun":
            pairs.append(("kind", NOUN_KIND.format(a=a, w=w), sentence(f"{a} {w} is a kind of {general}")))
        else:
            pairs.append(("kind", VERB_KIND.format(w=w), sentence(f"to {w} is a way to {general}")))
    return pairs


def paraphrase(data_file, kind, w, index):
    a = article(w)
    if data_file == "noun":
        templates = NOUN_DEFINITION_PARAPHRASES if kind == "definition" else NOUN_KIND_PARAPHRASES
    else:
        templates = VERB_DEFINITION_PARAPHRASES if kind == "definition" else VERB_KIND_PARAPHRASES
    return templates[index % len(templates)].format(a=a, A=a.capitalize(), w=w)


def record(instruction, response, subject):
    return json.dumps({"instruction": instruction, "response": response, "subject": subject}, ensure_ascii=False)


def main(out):
    os.makedirs(out, exist_ok=True)
    data = {name: read(name) for name in ("noun", "verb")}
    train, held_out, paraphrases = [], [], []
    seen_heads = set()  # one sense per headword in the whole dataset: a question never has two answers
    for subject, data_file, lexfile, _ in SUBJECTS:
        synsets = data[data_file]
        chosen = []
        for offset in sorted(synsets, key=lambda o: rank("instructions:" + data_file + ":" + o)):
            file_number, words, definition, _ = synsets[offset]
            if file_number != lexfile or not eligible(words, definition) or words[0] in seen_heads:
                continue
            seen_heads.add(words[0])
            chosen.append(offset)
            if len(chosen) == TRAIN + HELD_OUT:
                break
        for i, offset in enumerate(chosen):
            pairs = questions(data_file, synsets, offset)
            if i < TRAIN:
                train.extend(record(q, r, subject) for _, q, r in pairs)
                if i < PARAPHRASED:
                    w = synsets[offset][1][0]
                    paraphrases.extend(
                        record(paraphrase(data_file, kind, w, i), r, subject) for kind, _, r in pairs)
            else:
                held_out.extend(record(q, r, subject) for _, q, r in pairs)
    for name, lines in (("train", train), ("heldout", held_out), ("paraphrases", paraphrases)):
        with open(os.path.join(out, name + ".jsonl"), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines) + "\n")
        print(f"{name}.jsonl: {len(lines)} records")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "instructions"))
