#!/usr/bin/env bash
# Parser A/B: ValidationBench's documents through vcon-storage-api's VconParser as built from BEFORE (a git ref,
# default main) and from this work tree, in paired short JMH forks (order alternating, REPS repetitions), so the
# ratio of each adjacent pair cancels most drift in machine load. Prints a table; see docs/benchmarks.md.
# usage: vcon-storage-benchmarks/ab/run.sh [BEFORE_REF]     (run through /work/bin/build-slot on shared machines)
set -euo pipefail
before_ref=${1:-main}; reps=${REPS:-3}
root=$(git rev-parse --show-toplevel); out=${AB_OUT:-$root/vcon-storage-benchmarks/target/ab}
rm -rf "$out"; mkdir -p "$out/before-src" "$out/classes"
git -C "$root" archive "$before_ref" | tar -x -C "$out/before-src"
(cd "$out/before-src" && ./mvnw -B -q -o -pl vcon-storage-api compile)
(cd "$root" && ./mvnw -B -q -o -pl vcon-storage-benchmarks -am compile dependency:build-classpath \
  -Dmdep.outputFile="$out/cp.txt")
cp=$(cat "$out/cp.txt")
java -cp "$root/vcon-storage-benchmarks/target/classes:$cp" "$root/vcon-storage-benchmarks/ab/Documents.java" "$out/docs"
jmh=$(tr ':' '\n' < "$out/cp.txt" | grep -E 'jmh|jopt|commons-math3' | paste -sd:)
javac -d "$out/classes" -cp "$jmh" -processorpath "$jmh" "$root/vcon-storage-benchmarks/ab/AbBench.java"
run_cp="$out/classes:$(tr ':' '\n' < "$out/cp.txt" | grep -E 'jmh|jopt|commons-math3|jackson-core|slf4j-api|jspecify' | paste -sd:)"
props="-Dab.docs=$out/docs -Dab.before=$out/before-src/vcon-storage-api/target/classes"
props="$props -Dab.after=$root/vcon-storage-api/target/classes"
for rep in $(seq 1 "$reps"); do
  for size in fixture 1KB 100KB 10MB 50MB; do
    order="before after"; [ $((rep % 2)) = 0 ] && order="after before"
    for side in $order; do
      java -cp "$run_cp" org.openjdk.jmh.Main "ab.AbBench.$side\$" -p size=$size -f 1 -wi 3 -w 500ms -i 4 -r 500ms \
        -jvmArgs "-Xmx2g -Xms2g $props" -rf json -rff "$out/$rep-$size-$side.json" > "$out/$rep-$size-$side.log" 2>&1
    done
    echo "rep $rep $size $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
python3 "$root/vcon-storage-benchmarks/ab/table.py" "$out"
