"""Writes created-at-python.tsv: what CPython's datetime.fromisoformat does with each test text.

vcon-server files a vCon under datetime.fromisoformat(created_at).strftime("%Y/%m/%d"). CreatedAtPythonTest
checks that CreatedAt agrees on every line. Regenerate after a Python upgrade and commit the diff:

    python3 vcon-storage-api/src/test/python/created_at_corpus.py > \
        vcon-storage-api/src/test/resources/created-at-python.tsv

Columns: the text (escaped as JSON), then the date path, or ERROR when Python raises. The texts are hand-picked
edge cases plus mutations of valid timestamps (fixed seed), so the corpus is the same on every run.
"""
import json
import random
import sys
from datetime import datetime

HAND_PICKED = [
    "2024-01-15", "20240115", "2024-W03", "2024W03", "2024-W03-1", "2024W031", "2020-W53-7", "2021-W53-1",
    "2024-01-15T10:00:00Z", "2024-01-15t10:00:00Z", "2024-01-15 10:00:00", "2024-01-15X10:00", "2024-01-15_10:00Z",
    "2024-01-15\u00e910:00", "2024-01-15\U0001F60010:00", "2024-01-15\ud80010:00", "2024-01-15T10:00:00\ud800",
    "2024-01-15t10:00:00z", "2024-01-15T10:00:00z", "2024-01-15T23:30:00z", "2024-01-15T10z", "2024-01-15z",
    "2024-01-15T10:00:00.123z", "2024-01-15T10:00:00z+01:00", "2024-01-15T10:00:00x+01:00",
    "2024-01-15T10:00:00Zx", "2024-01-15T10:00:00Z\x00abc", "2024-01-15T10:00:00.Z", "2024-01-15T10:00:00.",
    "2024-01-15T24:00:00", "2024-01-15T10:00:00+24:00", "2024-01-15T10:00:00+23:59:59.999999",
    "2024-01-15T10:00:00+01:75", "2024-01-15T10:00:00+00:00:60", "2024-01-15T10:00:00+99", "2024-01-15T1000001",
    "2024-01-15T10:00:00.000000001Z", "2024-01-15T10:00:00+01:00Z", "2024-01-15T10:00+0100",
    "2024-01-15T10:00:00-23:59:59.9999999", "2024-01-15T23:30:00-05:00", "2024-01-15T23:30:00+0530",
    "2024-01-15T10:00:00,5Z", "2024-01-15T1", "2024-01-15T10:0", "2024-01-15T", "0001-01-01", "0000-01-01",
    "9999-12-31T23:59:59-23:59", "9999-W52-6", "2024-001", "2024-02-30", "2023-02-29", "2024-02-29",
    "2024-01-15T10:00:00-00:00", "2024-01-15T10:00:00+5", "2024-W54-1", "2024-W01-8", "2024-W00-1",
    "", "2024", "2024-01", "2024-1-15", " 2024-01-15", "2024-01-15 ", "2024-01-15T10:00:00 Z",
    "999-01-01", "2024-01-15T10:00:00.123456789+05:30", "2024-01-15T10:60", "2024-01-15T25:00",
    "2026-11-25T10:15:00.123-05:00", "2024-01-15T10:00:00+01:00:00.5", "2024-W03-1T10:00",
    "2020-W01-0000", "2024-01-15T10:00:00+0100z", "2024-01-15T10:00:00Zz", "2024-01-15Tz", "2024-01-15T10:00:00zz",
]

TEMPLATES = [
    "2024-01-15T10:00:00Z", "2024-01-15T23:30:00.123456-05:00", "20240115T103000+0530", "2024-W03-1T10:05",
    "2024-12-31T23:59:59,5+14:00", "2024-01-15 10:00", "2024W031T10", "2024-01-15T10:00:00",
]
ALPHABET = "0123456789-:+.,TtZzW x_\u00e9"


def mutate(rnd, text):
    chars = list(text)
    for _ in range(rnd.randint(1, 2)):
        op = rnd.randint(0, 3)
        i = rnd.randint(0, len(chars))
        if op == 0 and chars:
            del chars[min(i, len(chars) - 1)]
        elif op == 1:
            chars.insert(i, rnd.choice(ALPHABET))
        elif chars:
            chars[min(i, len(chars) - 1)] = rnd.choice(ALPHABET)
    return "".join(chars)


def main():
    rnd = random.Random(20261206)
    texts = list(HAND_PICKED)
    seen = set(texts)
    while len(texts) < 2500:
        t = mutate(rnd, rnd.choice(TEMPLATES))
        if t not in seen:
            seen.add(t)
            texts.append(t)
    out = sys.stdout
    out.write("# CPython %s datetime.fromisoformat(text).strftime('%%Y/%%m/%%d'); made by %s\n"
              % (sys.version.split()[0], "src/test/python/created_at_corpus.py"))
    for t in texts:
        try:
            result = datetime.fromisoformat(t).strftime("%Y/%m/%d")
        except ValueError:
            result = "ERROR"
        out.write(json.dumps(t) + "\t" + result + "\n")


main()
