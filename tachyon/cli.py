"""``tachyon run module:app`` (or a file, as the fastapi command takes it: see app_discovery.py): serve an app until
Ctrl+C or SIGTERM, then stop gracefully (exit 0)."""
from __future__ import annotations

import argparse
import os
import signal
import sys
import threading

from ._boundary.native import EngineError
from .app_discovery import load_app


def serve(app, host: str, port: int, forwarded_allow_ips: list[str] | None = None) -> int:
    stopping = threading.Event()
    # As uvicorn: the lifespan starts before the server listens (no request sees a half-started app, and what
    # startup changes, say a dependency added to a route's dependant, is what gets served); a server that
    # cannot listen shuts the lifespan down again.
    app.startup()
    try:
        server = app.start(host, port, forwarded_allow_ips=forwarded_allow_ips)
    except BaseException as error:
        app.shutdown()
        if isinstance(error, EngineError):   # say, the port is taken: the engine's message, no traceback
            raise SystemExit(f"error: {error}") from None
        raise

    def on_signal(signum: int, frame: object) -> None:
        stopping.set()

    # After the engine loaded (it installs its own handlers): Python owns SIGINT and SIGTERM.
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    print(f"Tachyon serving on http://{host}:{server.port} (press Ctrl+C to stop)", flush=True)
    while not stopping.wait(0.5):
        pass
    print("Tachyon: stopping (letting requests in flight finish)…", flush=True)
    app.stop(timeout=30)
    app.shutdown()
    print("Tachyon: stopped", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tachyon", description="Serve a FastAPI-style app on the Tachyon engine.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="serve MODULE:APP, or the app of a file")
    run.add_argument("app", nargs="?", help="the app to serve: MODULE:ATTRIBUTE (e.g. examples.hello:app), a module, "
                     "or a file or package (e.g. main.py), where it is the app named app or api, else the first FastAPI app; "
                     "default: main.py, app.py, api.py or app/{main,app,api}.py here")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8000)
    # uvicorn's options and defaults for X-Forwarded-Proto/-For from a proxy in front
    run.add_argument("--proxy-headers", action=argparse.BooleanOptionalAction, default=True,
                     help="trust X-Forwarded-Proto and X-Forwarded-For from --forwarded-allow-ips (default: on)")
    run.add_argument("--forwarded-allow-ips", default=os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
                     help="comma-separated IPs to trust with proxy headers, or '*' (default: $FORWARDED_ALLOW_IPS or 127.0.0.1)")
    args = parser.parse_args(argv)
    trusted = [ip.strip() for ip in args.forwarded_allow_ips.split(",") if ip.strip()] if args.proxy_headers else []
    return serve(load_app(args.app), args.host, args.port, trusted)


if __name__ == "__main__":
    sys.exit(main())
