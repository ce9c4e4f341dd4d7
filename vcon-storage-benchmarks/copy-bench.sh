#!/usr/bin/env bash
# Copy benchmark (issue 20, parts 3 and 4): vcon-storage copy against rclone copy and aws s3 sync, 10,000 vCons of
# ~5 KB between two S3Proxy processes and between two buckets of one, in one run on this machine.
#   vcon-storage-benchmarks/copy-bench.sh [vcons=10000] [parallel=16] [bytes=5000]
# Installs the peers with apt-get where they are missing (needs root; a peer still missing is skipped with a
# message). Never a test dependency: ./mvnw verify does not run this.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v rclone >/dev/null || ! command -v aws >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y rclone awscli >/dev/null 2>&1 || echo "apt-get could not install rclone/awscli; missing peers are skipped"
  else
    echo "rclone or aws missing and apt-get not usable as root; missing peers are skipped"
  fi
fi
./mvnw -B -q -pl vcon-storage-benchmarks -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt
cd vcon-storage-benchmarks
exec java -Xmx1g -cp "target/classes:$(cat target/classpath.txt)" io.vcon.storage.bench.CopyBench "$@"
