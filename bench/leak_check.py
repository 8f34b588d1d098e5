"""Leak check: drives 200k+ requests through the example endpoints (valid, invalid, errors) with wrk
and reports RSS and sys.getallocatedblocks() after each round. Flat numbers = no leak.

    python3 bench/leak_check.py [--rounds 6] [--seconds 1]

Runs the app in this process (so it can read the interpreter's allocation count) and exits non-zero
if blocks or RSS grow by more than a small margin between the second and the last round.
"""
from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tachyon import FastAPI  # noqa: E402
from tachyon._boundary.engine import get_engine  # noqa: E402

from examples.hello import app as hello  # noqa: E402

POST = """wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
bodies = {'{"id":1,"username":"alice","email":"a@example.com"}', '{"id":"x"}', '{bad json'}
i = 0
request = function()
  i = i + 1
  return wrk.format(nil, nil, nil, bodies[(i % 3) + 1])
end
"""
TARGETS = ["/health", "/items/5?q=abc&limit=7", "/items/0", "/items/abc?limit=1000", "/nope", "/crash"]


def rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seconds", type=int, default=1, help="wrk seconds per endpoint per round")
    args = parser.parse_args()

    app: FastAPI = hello

    @app.get("/crash")
    def crash():
        raise RuntimeError("expected failure")

    app.capture_unhandled_exceptions()
    port = app.start("127.0.0.1", 0).port
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(POST)
        post_script = f.name

    def load() -> None:
        for path in TARGETS:
            subprocess.run(["wrk", "-t1", "-c16", f"-d{args.seconds}s", f"http://127.0.0.1:{port}{path}"],
                           check=True, capture_output=True)
        subprocess.run(["wrk", "-t1", "-c16", f"-d{args.seconds}s", "-s", post_script,
                        f"http://127.0.0.1:{port}/users/"], check=True, capture_output=True)

    print(f"{'round':>5} {'requests':>10} {'RSS MiB':>8} {'blocks':>9}")
    rows = []
    for i in range(args.rounds):
        load()
        app._captured.clear()
        gc.collect()
        stats = get_engine().stats()
        rows.append((stats["requests"], rss_kib(), sys.getallocatedblocks()))
        print(f"{i + 1:>5} {rows[-1][0]:>10} {rows[-1][1] / 1024:>8.1f} {rows[-1][2]:>9}", flush=True)
    os.unlink(post_script)
    app.stop()

    (_, rss0, blocks0), (total, rss1, blocks1) = rows[1], rows[-1]
    served = total - rows[1][0]
    print(f"after round 2 -> last: {served} requests, RSS {(rss1 - rss0) / 1024:+.1f} MiB, blocks {blocks1 - blocks0:+d}")
    leaking = blocks1 - blocks0 > 5000 or rss1 - rss0 > 20 * 1024
    print("LEAK SUSPECTED" if leaking else "flat: no leak")
    return 1 if leaking else 0


if __name__ == "__main__":
    sys.exit(main())
