"""Leak check: drives 200k+ requests through the example endpoints (valid, invalid, errors) plus a few
slow paths (multipart uploads, a validator's refusal kept for the Python binder, a 422 that still runs a dependency
chain with a yield dependency, the same chain answered (the request's task hands its response over, then runs the exit
code), an exception handler that awaits, a def route whose yield dependency exits on a sync lane, a def dependency run
in a copy of the request's context, a handler that starts a task (its response waits for the task's first step), a
value the engine's JSON writer leaves to json.dumps) with wrk and reports RSS and sys.getallocatedblocks() after each
round.
Flat numbers = no leak.

    python3 bench/leak_check.py [--rounds 6] [--seconds 1]

Runs the app in this process (so it can read the interpreter's allocation count) and exits non-zero
if blocks or RSS grow by more than a small margin between the second and the last round.
"""
from __future__ import annotations

import argparse
import asyncio
import gc
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from typing import Annotated  # noqa: E402

from pydantic import AfterValidator  # noqa: E402

from tachyon import Depends, FastAPI, Form, HTTPException, UploadFile  # noqa: E402
from tachyon.responses import JSONResponse  # noqa: E402
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
BOUNDARY = "leakcheckboundary"
MULTIPART = (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n'
             f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n'
             f'Content-Type: application/octet-stream\r\n\r\n0123456789\r\n--{BOUNDARY}--\r\n')


def lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r").replace("\n", "\\n") + '"'


UPLOAD = f"""wrk.method = "POST"
wrk.headers["Content-Type"] = "multipart/form-data; boundary={BOUNDARY}"
wrk.body = {lua_string(MULTIPART)}
"""
TARGETS = ["/health", "/items/5?q=abc&limit=7", "/items/0", "/items/abc?limit=1000", "/nope", "/crash",
           "/chain/x?page=2", "/chain/3?page=2", "/teapot", "/sync-session", "/sync-dependency?q=a", "/spawn", "/url", "/refused?q=no"]


class Teapot(Exception):
    pass


# Module level: the routes' string annotations (``from __future__ import annotations``) are evaluated in the
# module's globals, where a function local to add_slow_paths would not be found.
async def page(page: int = 1):
    return page


async def session():
    yield "session"


def sync_session():
    yield "sync"


def query_value(q: str = "x"):
    return q


def refused(value: str) -> str:
    """A validator that refuses: the engine keeps its failure for the Python binder (tachyon/_endpoint/failures.py)."""
    if value == "no":
        raise HTTPException(status_code=403, detail="refused")
    return value


spawned: set[asyncio.Task] = set()


async def started_task() -> None:
    await asyncio.sleep(0)


def add_slow_paths(app: FastAPI) -> None:
    @app.get("/chain/{n}")
    async def chain(n: int, p: Annotated[int, Depends(page)], s: Annotated[str, Depends(session)]):
        return {"n": n, "page": p, "session": s}

    @app.get("/sync-session")
    def with_sync_session(s: Annotated[str, Depends(sync_session)]):
        return {"session": s}

    @app.get("/sync-dependency")
    def with_sync_dependency(q: Annotated[str, Depends(query_value)]):
        return {"q": q}

    @app.get("/refused")
    def refused_value(q: Annotated[str, AfterValidator(refused)]):
        return {"q": q}

    @app.get("/spawn")
    async def spawn():
        task = asyncio.create_task(started_task())
        spawned.add(task)
        task.add_done_callback(spawned.discard)
        return {"spawned": True}

    @app.get("/url")
    async def url():
        return {"health": app.url_path_for("health")}   # a str subclass: written by json.dumps

    @app.post("/upload")
    async def upload(note: Annotated[str, Form()], file: UploadFile):
        return {"note": note, "size": len(await file.read())}

    @app.exception_handler(Teapot)
    async def teapot_handler(request, exc):
        await asyncio.sleep(0)
        return JSONResponse({"teapot": True}, status_code=418)

    @app.get("/teapot")
    async def teapot():
        raise Teapot()


def rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def expect_statuses(port: int) -> None:
    """The slow paths answer as intended before they are loaded (a leak check of 500s proves little)."""
    import http.client

    checks = [("GET", "/chain/x?page=2", None, {}, 422), ("GET", "/teapot", None, {}, 418),
              ("GET", "/sync-session", None, {}, 200), ("GET", "/sync-dependency?q=a", None, {}, 200),
              ("GET", "/spawn", None, {}, 200), ("GET", "/url", None, {}, 200), ("GET", "/refused?q=no", None, {}, 403),
              ("POST", "/upload", MULTIPART.encode(), {"content-type": f"multipart/form-data; boundary={BOUNDARY}"}, 200)]
    for method, path, body, headers, status in checks:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request(method, path, body=body, headers=headers)
        got = connection.getresponse().status
        connection.close()
        if got != status:
            raise SystemExit(f"{method} {path}: expected {status}, got {got}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seconds", type=int, default=1, help="wrk seconds per endpoint per round")
    args = parser.parse_args()

    app: FastAPI = hello

    @app.get("/crash")
    def crash():
        raise RuntimeError("expected failure")

    add_slow_paths(app)
    app.capture_unhandled_exceptions()
    port = app.start("127.0.0.1", 0).port
    scripts = {}
    for name, text in (("post", POST), ("upload", UPLOAD)):
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
            f.write(text)
            scripts[name] = f.name

    def load() -> None:
        for path in TARGETS:
            subprocess.run(["wrk", "-t1", "-c16", f"-d{args.seconds}s", f"http://127.0.0.1:{port}{path}"],
                           check=True, capture_output=True)
        for script, path in ((scripts["post"], "/users/"), (scripts["upload"], "/upload")):
            subprocess.run(["wrk", "-t1", "-c16", f"-d{args.seconds}s", "-s", script, f"http://127.0.0.1:{port}{path}"],
                           check=True, capture_output=True)

    expect_statuses(port)
    print(f"{'round':>5} {'requests':>10} {'RSS MiB':>8} {'blocks':>9}")
    rows = []
    for i in range(args.rounds):
        load()
        app._captured.clear()
        gc.collect()
        stats = get_engine().stats()
        rows.append((stats["requests"], rss_kib(), sys.getallocatedblocks()))
        print(f"{i + 1:>5} {rows[-1][0]:>10} {rows[-1][1] / 1024:>8.1f} {rows[-1][2]:>9}", flush=True)
    for script in scripts.values():
        os.unlink(script)
    app.stop()

    (_, rss0, blocks0), (total, rss1, blocks1) = rows[1], rows[-1]
    served = total - rows[1][0]
    print(f"after round 2 -> last: {served} requests, RSS {(rss1 - rss0) / 1024:+.1f} MiB, blocks {blocks1 - blocks0:+d}")
    leaking = blocks1 - blocks0 > 5000 or rss1 - rss0 > 20 * 1024
    print("LEAK SUSPECTED" if leaking else "flat: no leak")
    return 1 if leaking else 0


if __name__ == "__main__":
    sys.exit(main())
