#!/bin/sh
# Start-up of the command line, measured as whole processes against a bare JVM printing one line
# (`java -cp DIR Hello`), side by side: `get` and `ls` on the embedded store (./vcon-data), `get` from S3
# (S3Proxy on loopback), and Debian's awscli (`aws s3 cp s3://bucket/key -`) getting the same object from the
# same S3Proxy. Each command runs RUNS times (default 7) after one warm-up, in turn with the bare JVM
# (A B A B ...), timed by Python around each child; the medians of wall and CPU (user + sys) seconds and of
# the per-pair ratios are printed, with the load average before and after (re-run when it is high: the ratios are only
# comparable on a quiet machine). Rows with "JVM defaults" override the launcher's short-command options
# (ADR 0030) through VCON_STORAGE_JAVA_OPTS, to show what they save.
# Before it: ./mvnw -pl vcon-storage-cli,vcon-storage-benchmarks -am package -DskipTests (the CLI jar and
# target/s3proxy/s3proxy.jar), or point S3PROXY_JAR at an S3Proxy jar-with-dependencies.
# VCON_STORAGE_CLI runs another launcher (e.g. an older build's) instead of this checkout's ./vcon-storage.
# awscli: /usr/bin/aws (Debian's package; installed with apt-get when run as root), else `aws` on the PATH;
# the row is skipped, with a message, when there is none.
# Usage: vcon-storage-benchmarks/src/main/sh/startup.sh [RUNS]
set -eu
RUNS=${1:-7}
ROOT=$(cd "$(dirname "$0")/../../../.." && pwd)
S3PROXY=${S3PROXY_JAR:-$ROOT/vcon-storage-benchmarks/target/s3proxy/s3proxy.jar}
CLI=${VCON_STORAGE_CLI:-$ROOT/vcon-storage}
[ -f "$S3PROXY" ] || { echo "missing $S3PROXY: build vcon-storage-benchmarks first" >&2; exit 2; }
if ! [ -x /usr/bin/aws ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get install -y awscli >/dev/null 2>&1 || true
fi
AWS=""
if [ -x /usr/bin/aws ]; then AWS=/usr/bin/aws; elif command -v aws >/dev/null 2>&1; then AWS=$(command -v aws); fi

WORK=$(mktemp -d)
S3PID=""
cleanup() { [ -n "$S3PID" ] && kill "$S3PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT INT TERM
cd "$WORK"
export VCON_STORAGE_CDS_DIR="$WORK/cds"

printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > Hello.java
javac Hello.java

# The embedded store, with one vCon of the test kit.
ID=01928e10-193e-8231-b9a2-279e0d16bc46
FIXTURE="$ROOT/vcon-storage-tck/src/main/resources/io/vcon/storage/tck/fixtures/valid/ab_call_ext_rec_redacted.vcon"
"$CLI" import "$FIXTURE" >/dev/null

# S3Proxy on a free port, the same vCon in bucket "startup".
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
SECRET="startup-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
mkdir -p blobs/startup
cat > s3proxy.conf <<CONF
s3proxy.endpoint=http://127.0.0.1:$PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=startup
s3proxy.credential=$SECRET
jclouds.provider=filesystem-nio2
jclouds.identity=startup
jclouds.credential=$SECRET
jclouds.filesystem.basedir=$WORK/blobs
CONF
java -jar "$S3PROXY" --properties s3proxy.conf >s3proxy.log 2>&1 &
S3PID=$!
i=0
until python3 -c "import socket; socket.create_connection(('127.0.0.1',$PORT),1)" 2>/dev/null; do
  i=$((i + 1)); [ $i -lt 120 ] || { echo "S3Proxy did not start; see $WORK/s3proxy.log" >&2; exit 1; }; sleep 0.5
done
cat > s3.yaml <<CONF
storages:
  s3: { module: storage.s3, options: { aws_bucket: startup, aws_region: us-east-1, s3_path: vcons,
        endpoint_url: "http://127.0.0.1:$PORT", aws_access_key_id: startup, aws_secret_access_key: "$SECRET" } }
CONF
"$CLI" --config s3.yaml import "$FIXTURE" >/dev/null
KEY=$(cd blobs/startup && find vcons -name "$ID.vcon" | head -n 1)

# Command A against the bare JVM, in turn (A B A B ...), after one warm-up of each; prints the medians of wall and
# CPU seconds and the medians of the per-pair ratios. Timed in Python around each child: wall from a monotonic
# nanosecond clock, CPU (user + sys) from the child's own rusage (wait4), so the timer's start-up is outside.
compare() {
  name=$1; shift
  python3 - "$name" "$RUNS" "$WORK" "$@" <<'PY'
import os, statistics, subprocess, sys, time

name, runs, work, command = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
hello = ["java", "-cp", work, "Hello"]


def timed(cmd):
    with open(os.path.join(work, "stderr.txt"), "wb") as err:
        t0 = time.perf_counter_ns()
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        wall = (time.perf_counter_ns() - t0) / 1e9
    if os.waitstatus_to_exitcode(status) != 0:
        sys.stderr.write(open(os.path.join(work, "stderr.txt")).read())
        sys.exit("failed: " + " ".join(cmd))
    return wall, usage.ru_utime + usage.ru_stime


timed(command)
timed(hello)
a, b = [], []
for _ in range(runs):
    a.append(timed(command))
    b.append(timed(hello))
med = statistics.median
print("| %s | %.3f | %.3f | %.3f | %.3f | %.1f | %.1f |" % (
    name, med(x[0] for x in a), med(x[1] for x in a), med(x[0] for x in b), med(x[1] for x in b),
    med(x[0] / y[0] for x, y in zip(a, b)), med(x[1] / max(y[1], 0.001) for x, y in zip(a, b))))
PY
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); java: $(java -version 2>&1 | head -n 1); runs: $RUNS"
echo "| command | wall s | cpu s | bare JVM wall s | bare JVM cpu s | wall × bare JVM | cpu × bare JVM |"
echo "|---|---|---|---|---|---|---|"
compare "vcon-storage get (embedded)" "$CLI" get "$ID"
compare "vcon-storage ls (embedded)" "$CLI" ls
compare "vcon-storage get (S3)" "$CLI" --config s3.yaml get "$ID"
compare "vcon-storage --version" "$CLI" --version
export VCON_STORAGE_JAVA_OPTS="-XX:TieredStopAtLevel=4 -XX:+UsePerfData"
compare "get (embedded), JVM defaults" "$CLI" get "$ID"
compare "get (S3), JVM defaults" "$CLI" --config s3.yaml get "$ID"
unset VCON_STORAGE_JAVA_OPTS
export VCON_STORAGE_CDS=off
compare "get (embedded), class-data sharing off" "$CLI" get "$ID"
compare "get (S3), class-data sharing off" "$CLI" --config s3.yaml get "$ID"
unset VCON_STORAGE_CDS
if [ -n "$AWS" ]; then
  export AWS_ACCESS_KEY_ID=startup AWS_SECRET_ACCESS_KEY="$SECRET" AWS_DEFAULT_REGION=us-east-1
  compare "aws s3 cp s3://startup/KEY - ($("$AWS" --version 2>&1 | cut -d' ' -f1))" \
    "$AWS" --endpoint-url "http://127.0.0.1:$PORT" s3 cp "s3://startup/$KEY" -
else
  echo "awscli not found (apt-get install -y awscli): the aws s3 cp row is skipped"
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
