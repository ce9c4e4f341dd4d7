#!/usr/bin/env bash
# Verify in memory independent of the archive (issue 20, part 2): synthetic archives of 100,000 and 1,000,000
# vCons on the directory store, each verified in a JVM with -Xmx256m; objects/s and peak heap side by side.
#   vcon-storage-benchmarks/verify-scale-bench.sh [DIR=/tmp/vcon-verify-scale]
# The archives are generated once (about 2 files per vCon) and reused by later runs.
# Then each verify again with --checkpoint, stopped after half its reads, and resumed in a new JVM with -Xmx256m:
# the resumed run's journal holds N reads, sorted on disk and merged in (issue 20).
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:-/tmp/vcon-verify-scale}"
./mvnw -B -q -pl vcon-storage-benchmarks -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt
cd vcon-storage-benchmarks
cp="target/classes:$(cat target/classpath.txt)"
for n in 100000 1000000; do
  if [ ! -f "$base/$n.generated" ]; then
    rm -rf "$base/$n" && mkdir -p "$base/$n"
    java -cp "$cp" io.vcon.storage.bench.VerifyScaleBench generate "$base/$n" "$n"
    touch "$base/$n.generated"
  fi
done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in 100000 1000000; do
  echo -n "$n vCons: "
  java -Xmx256m -cp "$cp" io.vcon.storage.bench.VerifyScaleBench verify "$base/$n" 4
done
for n in 100000 1000000; do
  checkpoint="$base/$n.checkpoint"
  rm -f "$checkpoint"
  echo -n "$n vCons, stopped after $n reads: "
  java -Xmx256m -cp "$cp" io.vcon.storage.bench.VerifyScaleBench stop "$base/$n" 4 "$checkpoint" "$n"
  echo -n "$n vCons, resumed ($(wc -l < "$checkpoint") journal lines): "
  java -Xmx256m -cp "$cp" io.vcon.storage.bench.VerifyScaleBench verify "$base/$n" 4 "$checkpoint"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
