#!/usr/bin/env bash
# Peak heap of 64 concurrent 10 MB saves (issue 22): the library's S3 store with its defaults against the raw
# SDK doing the same PUTs, each client in a JVM of its own, S3Proxy (filesystem back end, -Xmx4g) in another.
#   vcon-storage-benchmarks/concurrent-heap-bench.sh [THREADS=64] [MB=10] [ROUNDS=3] [XMX=3g]
# Then each client once more in a heap of exactly 1.5 x the bytes in flight (-Xmx960m for 64 x 10 MB): the goal
# as the JVM enforces it (an OutOfMemoryError fails the save and is counted).
# Output and GC logs in vcon-storage-benchmarks/target/bench/heap-*.
set -euo pipefail
cd "$(dirname "$0")/.."
threads="${1:-64}"
mb="${2:-10}"
rounds="${3:-3}"
xmx="${4:-3g}"
./mvnw -B -q -pl vcon-storage-benchmarks -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt
cd vcon-storage-benchmarks
cp="target/classes:$(cat target/classpath.txt)"
out=target/bench
mkdir -p "$out"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for client in library raw; do
  java -Xmx"$xmx" -Xlog:gc:file="$out/heap-$client-gc.log" -Dbench.s3proxy.jar=target/s3proxy/s3proxy.jar \
    -cp "$cp" io.vcon.storage.bench.ConcurrentSaveHeapBench "$client" "$threads" "$mb" "$rounds" \
    | tee "$out/heap-$client.txt"
done
tight="$((threads * mb * 3 / 2))m"
for client in library raw; do
  echo "--- $client in -Xmx$tight (1.5 x the bytes in flight)"
  java -Xmx"$tight" -Xlog:gc:file="$out/heap-$client-tight-gc.log" \
    -Dbench.s3proxy.jar=target/s3proxy/s3proxy.jar \
    -cp "$cp" io.vcon.storage.bench.ConcurrentSaveHeapBench "$client" "$threads" "$mb" 1 \
    | tee "$out/heap-$client-tight.txt"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
