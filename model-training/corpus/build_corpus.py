#!/usr/bin/env python3
"""Builds the modern-English pretraining corpus of the shipped base model from installed Debian packages.

Standard library only; the output depends only on the installed files (sorted walks, no hash-order iteration), so
the same package versions give the same bytes. See build-corpus.sh for the packages and the expected SHA-256 sums.

Sources (all permissive or public domain; the GPL-licensed debian/ packaging files are not read):
  wordnet-base       /usr/share/wordnet/data.{noun,verb,adj,adv}   WordNet 3.0 licence
  python3.11-doc     /usr/share/doc/python3.11/html/_sources/*.txt  PSF licence (reStructuredText sources)
  postgresql-doc-15  /usr/share/doc/postgresql-doc-15/html/*.html   PostgreSQL licence
  sqlite3-doc        /usr/share/doc/sqlite3/**/*.html              public domain

Documents are separated by blank lines (the `pretrain` CLI's convention). Whole source files (documentation pages)
or whole WordNet synsets are held out for evaluation by a fixed rule (held_out below), never trained on.
"""

import hashlib
import html
import html.parser
import os
import re
import sys

WORDNET = "/usr/share/wordnet"
PYTHON_DOCS = "/usr/share/doc/python3.11/html/_sources"
POSTGRES_DOCS = "/usr/share/doc/postgresql-doc-15/html"
SQLITE_DOCS = "/usr/share/doc/sqlite3"


def held_out(key):
    """A fixed ~4 % of source files (or synsets): the first byte of SHA-256(key) is below 10."""
    return hashlib.sha256(key.encode("utf-8")).digest()[0] < 10


def clean(text):
    return re.sub(r"\s+", " ", text).strip()


def is_prose(paragraph):
    """Sentences of English: long enough, mostly letters, ending like a sentence."""
    words = paragraph.split()
    if len(words) < 6:
        return False
    letters = sum(c.isalpha() or c == " " for c in paragraph)
    if letters < 0.8 * len(paragraph):
        return False
    if not paragraph[-1] in ".?!:)\"'":
        return False
    if not paragraph[0].isupper() and not paragraph[0] in "\"'(":
        return False
    return True


# ---------------------------------------------------------------- WordNet


def article(word):
    return "An" if word[0].lower() in "aeiou" else "A"


def sentence(text):
    text = text.strip().rstrip(";").strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    if text[-1] not in ".?!":
        text += "."
    return text


def lemma(raw):
    return re.sub(r"\([a-z]+\)$", "", raw).replace("_", " ")


def synset_text(pos, words, gloss):
    """Renders a synset as sentences, e.g. 'A teacher is a person whose occupation is teaching. It is also called instructor.'"""
    parts = [p.strip() for p in gloss.split(";")]
    definitions = [p for p in parts if p and not p.startswith('"')]
    examples = [p.strip('"').strip() for p in parts if p.startswith('"')]
    if not definitions:
        return None
    definition = re.sub(r"^\([^)]*\)\s*", "", "; ".join(definitions))  # domain labels such as "(biology)"
    if not definition:
        return None
    head = words[0]
    if pos == "n":
        if re.match(r"(a|an|the|any|one)\b", definition):
            first = f"{article(head)} {head} is {definition}"
        elif head[0].isupper():
            first = f"{head} is {definition}"
        else:
            first = f"{head[0].upper() + head[1:]} is {definition}"
    elif pos == "v":
        first = f"To {head} is to {definition}"
    else:
        first = f'The word "{head}" means {definition}'
    out = [sentence(first)]
    others = [w for w in words[1:] if w != head]
    if others:
        names = ", ".join(others[:-1]) + (" or " if len(others) > 1 else "") + others[-1]
        out.append(f"It is also called {names}." if pos == "n" else f"Other words for it are {names}.")
    for example in examples:
        s = sentence(example)
        if s:
            out.append(s)
    return " ".join(out)


def wordnet(train, test):
    for name, pos in (("noun", "n"), ("verb", "v"), ("adj", "a"), ("adv", "r")):
        block = []
        with open(os.path.join(WORDNET, "data." + name), encoding="utf-8") as f:
            for line in f:
                if line.startswith("  "):
                    continue  # licence header
                fields, _, gloss = line.partition(" | ")
                tokens = fields.split()
                offset, count = tokens[0], int(tokens[3], 16)
                words = []
                for i in range(count):
                    w = lemma(tokens[4 + 2 * i])
                    if w not in words:
                        words.append(w)
                text = synset_text(pos, words, clean(gloss))
                if text is None:
                    continue
                if held_out("wordnet:" + name + ":" + offset):
                    test.append(text)
                    continue
                block.append(text)
                if len(block) == 8:
                    train.append("\n".join(block))
                    block = []
        if block:
            train.append("\n".join(block))


# ---------------------------------------------------------------- Python documentation (reST)

ROLE = re.compile(r":[a-zA-Z:+-]+:`(?:~|!)?([^`<]*?)(?:\s*<[^>]*>)?`")
LINK = re.compile(r"`([^`<]+?)(?:\s*<[^>]*>)?`__?")
LITERAL = re.compile(r"``([^`]+)``")
EMPHASIS = re.compile(r"\*\*?([^*\s][^*]*?)\*\*?")
SUBSTITUTION = re.compile(r"\|([^|\s][^|]*)\|")
FOOTNOTE = re.compile(r"\s*\[[#*0-9a-zA-Z_-]*\]_")
UNDERLINE = re.compile(r"^([=\-~^*+#\"'`:.]){3,}\s*$")


def rest_inline(text):
    text = ROLE.sub(lambda m: m.group(1).strip(), text)
    text = LITERAL.sub(r"\1", text)
    text = LINK.sub(r"\1", text)
    text = FOOTNOTE.sub("", text)
    text = EMPHASIS.sub(r"\1", text)
    text = SUBSTITUTION.sub(r"\1", text)
    return text.replace("\\", "")


def rest_paragraphs(source):
    paragraphs, current = [], []
    for line in source.splitlines() + [""]:
        if line.strip() == "":
            if current:
                paragraphs.append(current)
            current = []
        else:
            current.append(line)
    for lines in paragraphs:
        if lines[0][:1] in (" ", "\t") or lines[0].startswith(".."):
            continue  # code blocks, directive bodies, comments
        if any(UNDERLINE.match(l) for l in lines) or lines[0].startswith(("+", "=", ">>>", "$", "|")):
            continue  # titles, tables, interactive sessions
        if re.match(r"^([-*+]|\d+\.|#\.)\s", lines[0]):
            lines = [re.sub(r"^([-*+]|\d+\.|#\.)\s+", "", lines[0])] + lines[1:]
        text = clean(" ".join(lines))
        if text.endswith("::"):
            text = text[:-1]
        text = clean(rest_inline(text))
        if text.endswith(" :"):
            text = text[:-2] + "."
        if is_prose(text):
            yield text


def python_docs(train, test):
    for root, dirs, files in os.walk(PYTHON_DOCS):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".txt") or name.startswith("changelog") or root.endswith("whatsnew"):
                continue  # release notes are lists of issue numbers, not prose
            path = os.path.join(root, name)
            with open(path, encoding="utf-8") as f:
                paragraphs = list(rest_paragraphs(f.read()))
            if paragraphs:
                key = "python:" + os.path.relpath(path, PYTHON_DOCS)
                (test if held_out(key) else train).append("\n".join(paragraphs))


# ---------------------------------------------------------------- HTML documentation


class Paragraphs(html.parser.HTMLParser):
    """Collects the text of <p> elements, skipping code listings, scripts and navigation."""

    BREAKS = {"p", "div", "li", "ul", "ol", "dl", "dd", "dt", "table", "tr", "td", "th", "pre", "h1", "h2", "h3",
              "h4", "h5", "h6", "blockquote", "body", "br", "hr"}
    SKIP = {"pre", "script", "style", "head", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs, self.text, self.in_p, self.skip = [], [], False, 0

    def flush(self):
        text = clean("".join(self.text))
        if self.in_p and is_prose(text):
            self.paragraphs.append(text)
        self.text, self.in_p = [], False

    def handle_starttag(self, tag, attrs):
        if tag in self.BREAKS:
            self.flush()
        if tag == "p":
            self.in_p = True
        if tag in self.SKIP:
            self.skip += 1

    def handle_startendtag(self, tag, attrs):
        if tag in self.BREAKS:
            self.flush()

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        if tag in self.BREAKS:
            self.flush()

    def handle_data(self, data):
        if self.in_p and not self.skip:
            self.text.append(data)


def html_docs(base, prefix, skip, train, test):
    for root, dirs, files in os.walk(base):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            relative = os.path.relpath(path, base)
            if not name.endswith(".html") or skip(relative):
                continue
            with open(path, encoding="utf-8", errors="replace") as f:
                parser = Paragraphs()
                parser.feed(f.read())
                parser.close()
                parser.flush()
            seen, paragraphs = set(), []
            for p in parser.paragraphs:
                if p not in seen:  # pages repeat boilerplate (licence notes, "see also")
                    seen.add(p)
                    paragraphs.append(p)
            if paragraphs:
                (test if held_out(prefix + relative) else train).append("\n".join(paragraphs))


def write(path, documents):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n\n".join(documents) + "\n")


def main(out):
    os.makedirs(out, exist_ok=True)
    held_out_prose = []
    for name, build in (
        ("python", lambda tr, te: python_docs(tr, te)),
        ("postgresql", lambda tr, te: html_docs(POSTGRES_DOCS, "postgresql:",
                                                lambda r: r.startswith("release"), tr, te)),
        ("sqlite", lambda tr, te: html_docs(SQLITE_DOCS, "sqlite:",
                                            lambda r: r.startswith(("releaselog", "changes", "chronology")), tr, te)),
    ):
        train, test = [], []
        build(train, test)
        write(os.path.join(out, f"train-{name}.txt"), train)
        held_out_prose.extend(test)
    train, test = [], []
    wordnet(train, test)
    write(os.path.join(out, "train-wordnet.txt"), train)
    write(os.path.join(out, "heldout-wordnet.txt"), test)
    write(os.path.join(out, "heldout-prose.txt"), held_out_prose)
    # The tokenizer is trained on every third training document of each source (BPE training time grows with the
    # number of distinct words; a third of the text gives the same frequent merges).
    sample = []
    for name in ("python", "postgresql", "sqlite", "wordnet"):
        with open(os.path.join(out, f"train-{name}.txt"), encoding="utf-8") as f:
            sample.extend(f.read().rstrip("\n").split("\n\n")[::3])
    write(os.path.join(out, "tokenizer-sample.txt"), sample)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "build"))
