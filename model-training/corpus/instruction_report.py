#!/usr/bin/env python3
"""Assembles the JSON of measure-instructions.sh: base vs adapter exact match and token F1, overall and per subject.

Reads WORK/{heldout,paraphrases}-{base,adapter}.json (the `eval --qa` reports, answers in dataset order),
WORK/finetune.log and WORK/finetune.seconds. Scores are recomputed per answer with the same SQuAD-style
normalisation as io.tributary.training.eval.Evaluation (case, punctuation, symbols and articles ignored), so the
overall figures equal the ones `eval` printed.
"""

import hashlib
import json
import os
import re
import sys
import unicodedata


def tokens(text):
    lower = unicodedata.normalize("NFKC", text).lower()
    cleaned = "".join(" " if unicodedata.category(c)[0] in "PS" else c for c in lower)
    return [t for t in cleaned.split() if t not in ("a", "an", "the")]


def f1(prediction, reference):
    p, r = tokens(prediction), tokens(reference)
    if not p or not r:
        return 1.0 if p == r else 0.0
    counts = {}
    for t in r:
        counts[t] = counts.get(t, 0) + 1
    common = 0
    for t in p:
        if counts.get(t, 0) > 0:
            common += 1
            counts[t] -= 1
    if common == 0:
        return 0.0
    precision, recall = common / len(p), common / len(r)
    return 2 * precision * recall / (precision + recall)


def scores(records, answers):
    out = {"exactMatch": 0.0, "f1": 0.0, "questions": len(records)}
    for record, answer in zip(records, answers):
        out["exactMatch"] += tokens(answer) == tokens(record["response"])
        out["f1"] += f1(answer, record["response"])
    out["exactMatch"] = round(out["exactMatch"] / len(records), 4)
    out["f1"] = round(out["f1"] / len(records), 4)
    return out


def main(work, data, model, settings):
    report = {"dataset": {}, "finetune": {}, "results": {}, "samples": []}
    for name in ("train", "heldout", "paraphrases"):
        path = os.path.join(data, name + ".jsonl")
        with open(path, "rb") as f:
            raw = f.read()
        report["dataset"][name] = {"records": raw.count(b"\n"), "sha256": hashlib.sha256(raw).hexdigest()}
    with open(os.path.join(model, "model.safetensors"), "rb") as f:
        report["finetune"]["baseModelSha256"] = hashlib.sha256(f.read()).hexdigest()
    log = open(os.path.join(work, "finetune.log"), encoding="utf-8").read()
    losses = re.findall(r"step (\d+)/\d+\s+loss ([0-9.]+)\s+lr \S+\s+(\d+) tokens/s", log)
    report["finetune"]["settings"] = "LoRA rank 8, alpha 16, dropout 0.05 on c_attn, c_proj, c_fc; " + settings
    report["finetune"]["summary"] = [l for l in log.splitlines() if l.startswith(("LoRA", "COMPLETED"))]
    report["finetune"]["trainingLoss"] = {s: float(l) for s, l, _ in losses}
    report["finetune"]["tokensPerSecondAtEnd"] = int(losses[-1][2]) if losses else None
    report["finetune"]["wallSeconds"] = int(open(os.path.join(work, "finetune.seconds")).read())
    for name in ("heldout", "paraphrases"):
        with open(os.path.join(data, name + ".jsonl"), encoding="utf-8") as f:
            records = [json.loads(line) for line in f if line.strip()]
        result = {}
        for who in ("base", "adapter"):
            with open(os.path.join(work, f"{name}-{who}.json"), encoding="utf-8") as f:
                answers = json.load(f)["qa"]["answers"]
            result[who] = scores(records, answers)
            result[who]["bySubject"] = {}
            for subject in dict.fromkeys(r["subject"] for r in records):
                pairs = [(r, a) for r, a in zip(records, answers) if r["subject"] == subject]
                s = scores([p[0] for p in pairs], [p[1] for p in pairs])
                result[who]["bySubject"][subject] = {"exactMatch": s["exactMatch"], "f1": s["f1"]}
            result[who]["answers"] = answers
        report["results"][name] = result
        seen = {}
        for i, r in enumerate(records):
            seen[r["subject"]] = seen.get(r["subject"], 0) + 1
            if seen[r["subject"]] > 2:  # each subject's first definition and first "kind of" question
                continue
            report["samples"].append({
                "set": name,
                "subject": r["subject"],
                "instruction": r["instruction"],
                "reference": r["response"],
                "base": result["base"]["answers"][i],
                "adapter": result["adapter"]["answers"][i],
            })
    for name in report["results"]:
        for who in ("base", "adapter"):
            del report["results"][name][who]["answers"]
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main(*sys.argv[1:5])
