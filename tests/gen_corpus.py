#!/usr/bin/env python3
"""Write a corpus of many small documents made from the example articles:
gen_corpus.py EXAMPLES_JSONL N [START] > corpus.jsonl

Document i is paragraphs of example article i % 8, rotated by i // 8 and
given its own first line, so every text differs; ids are gen-00000...,
dates spread over two years. Used by the store tests (tests/store.sh)."""
import datetime
import json
import sys

src, n = sys.argv[1], int(sys.argv[2])
start = int(sys.argv[3]) if len(sys.argv) > 3 else 0
arts = [json.loads(line) for line in open(src, encoding="utf-8") if line.strip()]
day0 = datetime.date(2024, 1, 1)
out = sys.stdout
for i in range(start, start + n):
    a = arts[i % len(arts)]
    paras = [p for p in a["text"].split("\n\n") if p.strip()] or [a["text"]]
    k = (i // len(arts)) % len(paras)
    paras = paras[k:] + paras[:k]
    text = "Report %d.\n\n" % i + "\n\n".join(paras[: 3 + i % 4])
    rec = {"id": "gen-%05d" % i, "date": str(day0 + datetime.timedelta(days=(i * 7) % 730)),
           "url": "https://example.org/gen/%d" % i, "title": "%s (%d)" % (a.get("title") or "", i),
           "text": text}
    out.write(json.dumps(rec, ensure_ascii=False) + "\n")
