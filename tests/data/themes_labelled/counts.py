#!/usr/bin/env python3
# Prints the count tables of README.md from labelled.jsonl (per language and
# split, per theme, texts without a theme or with several), so the README is
# recomputed rather than counted by hand. Usage: counts.py [labelled.jsonl]
import collections
import json
import os
import re
import sys

LANGS = ["sv", "en", "ar", "fi", "so", "fa"]
THEMES = ["traffic", "drugs_alcohol", "youth_disorder", "gangs_violence", "burglary_theft",
          "vandalism_litter", "lighting_environment", "public_transport", "police_presence",
          "fraud_elderly", "domestic_sexual_violence", "harassment_threats", "youth_activities"]

path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__),
                                                          "labelled.jsonl")
records = []
with open(path, encoding="utf-8") as f:
    for number, line in enumerate(f, 1):
        if not line.strip():
            continue
        r = json.loads(line)
        for theme in r["themes"]:
            if theme not in THEMES:
                sys.exit(f"line {number}: unknown theme {theme}")
        records.append(r)
ids = collections.Counter(r["id"] for r in records)
twice = [i for i, n in ids.items() if n > 1]
if twice:
    sys.exit("ids occurring twice: " + " ".join(twice))

split = collections.Counter((r["lang"], r["split"]) for r in records)
print("| lang | tune | measure | total |\n|---|---:|---:|---:|")
for lang in LANGS:
    t, m = split[(lang, "tune")], split[(lang, "measure")]
    print(f"| {lang} | {t} | {m} | {t + m} |")
t = sum(1 for r in records if r["split"] == "tune")
print(f"| **all** | {t} | {len(records) - t} | {len(records)} |\n")

print("| theme | tune | measure | total | " + " | ".join(LANGS) + " |")
print("|---|---:|---:|---:|" + "---:|" * len(LANGS))
for theme in THEMES:
    having = [r for r in records if theme in r["themes"]]
    t = sum(1 for r in having if r["split"] == "tune")
    langs = collections.Counter(r["lang"] for r in having)
    print(f"| {theme} | {t} | {len(having) - t} | {len(having)} | " +
          " | ".join(str(langs[l]) for l in LANGS) + " |")


def count(rows):
    t = sum(1 for r in rows if r["split"] == "tune")
    return f"{len(rows)} (tune {t}, measure {len(rows) - t})"


print()
print("texts with no theme:", count([r for r in records if not r["themes"]]))
print("texts with two or more themes:", count([r for r in records if len(r["themes"]) >= 2]))
words = [len(re.findall(r"\w+", r["text"])) for r in records]
print(f"words per text: {min(words)}-{max(words)}")

# The negation texts are listed by id in README.md ("Ids: ..." lines).
readme = os.path.join(os.path.dirname(os.path.abspath(path)), "README.md")
if os.path.exists(readme):
    text = open(readme, encoding="utf-8").read()
    listed = re.findall(r"\b(?:sv|en|ar|fi|so|fa)-\d{3}\b",
                        " ".join(re.findall(r"Ids:([^\n]*(?:\n  [^\n]*)*)", text)))
    by_id = {r["id"]: r for r in records}
    unknown = [i for i in listed if i not in by_id]
    if unknown:
        sys.exit("README lists unknown negation ids: " + " ".join(unknown))
    rows = [by_id[i] for i in sorted(set(listed))]
    langs = collections.Counter(r["lang"] for r in rows)
    print("negation texts:", count(rows) + "; " + ", ".join(f"{l} {langs[l]}" for l in LANGS))
