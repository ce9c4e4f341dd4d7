#!/usr/bin/env python3
"""What vcon-server's storage.s3 save() does per vCon, as a client-CPU baseline (our own code, same steps).

Per save: a new boto3 client (vcon-server creates one per call), the document as a dict (vcon-server gets it
from Redis as a Vcon object; here json.loads of the same bytes stands in for that), json.dumps, the date path
from created_at, then two put_object calls: the object, then the lookup pointer.

Usage: vcon_server_style_save.py VCON_FILE SAVES WARMUP
Environment: BENCH_ENDPOINT, BENCH_BUCKET, BENCH_ACCESS_KEY, BENCH_SECRET_KEY (never printed).
Prints one JSON line: saves, wall_s, cpu_s (user+sys of this process over the measured saves), puts.
"""
import json
import os
import resource
import sys
import time
from datetime import datetime

try:
    import boto3
except ImportError:
    print(json.dumps({"skipped": "boto3 is not installed (pip install boto3 or apt-get install python3-boto3)"}))
    sys.exit(0)


def opts():
    return {
        "aws_access_key_id": os.environ["BENCH_ACCESS_KEY"],
        "aws_secret_access_key": os.environ["BENCH_SECRET_KEY"],
        "aws_region": "us-east-1",
        "endpoint_url": os.environ["BENCH_ENDPOINT"],
        "aws_bucket": os.environ["BENCH_BUCKET"],
        "s3_path": "python",
    }


def new_client(o):
    return boto3.client(
        "s3",
        aws_access_key_id=o["aws_access_key_id"],
        aws_secret_access_key=o["aws_secret_access_key"],
        region_name=o["aws_region"],
        endpoint_url=o["endpoint_url"],
    )


def save(raw, o, counter):
    vcon = json.loads(raw)
    s3 = new_client(o)
    body = json.dumps(vcon)
    date_path = datetime.fromisoformat(vcon["created_at"]).strftime("%Y/%m/%d")
    prefix = o["s3_path"].rstrip("/")
    s3.put_object(Bucket=o["aws_bucket"], Key=f"{prefix}/{date_path}/{vcon['uuid']}.vcon", Body=body)
    s3.put_object(Bucket=o["aws_bucket"], Key=f"{prefix}/lookup/{vcon['uuid']}.txt", Body=date_path.encode())
    counter[0] += 2


def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main():
    path, saves, warmup = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with open(path, "rb") as f:
        raw = f.read()
    o = opts()
    counter = [0]
    for _ in range(warmup):
        save(raw, o, counter)
    counter[0] = 0
    c0, t0 = cpu(), time.perf_counter()
    for _ in range(saves):
        save(raw, o, counter)
    t1, c1 = time.perf_counter(), cpu()
    print(json.dumps({"saves": saves, "wall_s": t1 - t0, "cpu_s": c1 - c0, "puts": counter[0]}))


if __name__ == "__main__":
    main()
