"""Prints the paired before/after table from the JMH JSON files run.sh writes (one per repetition, size, side)."""
import glob
import json
import statistics
import sys
score = {}
for f in glob.glob(sys.argv[1] + "/*-*-*.json"):
    rep, size, side = f.rsplit("/", 1)[1][:-5].split("-")
    try:
        data = json.load(open(f))
    except ValueError:
        continue
    if data:
        score[(int(rep), size, side)] = data[0]["primaryMetric"]["score"]
print("| document | before, µs/op (median of reps) | after, µs/op (median of reps) | after/before per pair | median ratio |")
print("|---|---|---|---|---|")
for size in ["fixture", "1KB", "100KB", "10MB", "50MB"]:
    reps = sorted({r for (r, s, _) in score if s == size and (r, s, "before") in score and (r, s, "after") in score})
    if not reps: continue
    m = [score[(r, size, "before")] for r in reps]; t = [score[(r, size, "after")] for r in reps]
    ratios = [b / a for a, b in zip(m, t)]
    print(f"| {size} | {statistics.median(m):.3f} | {statistics.median(t):.3f} | " + ", ".join(f"{x:.2f}" for x in ratios) + f" | **{statistics.median(ratios):.3f}** |")
