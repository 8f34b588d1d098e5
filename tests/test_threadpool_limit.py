"""run_in_threadpool (and so a def dependency of an async route) runs as many blocking calls at once as anyio's
default thread limiter allows, as FastAPI's pool: 40, or the app's own ``total_tokens``; asyncio's default executor
would have run only cpu_count + 4 of them at once."""
from __future__ import annotations

import asyncio
import threading
import time
import unittest

import anyio.to_thread

from tachyon.concurrency import run_in_threadpool


class Gauge:
    """How many calls run at once, at most."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now = self.peak = 0

    def blocking_call(self) -> None:
        with self.lock:
            self.now += 1
            self.peak = max(self.peak, self.now)
        time.sleep(0.2)
        with self.lock:
            self.now -= 1


def peak_of(calls: int, tokens: int | None = None) -> int:
    gauge = Gauge()

    async def main() -> None:
        if tokens is not None:
            anyio.to_thread.current_default_thread_limiter().total_tokens = tokens
        await asyncio.gather(*[run_in_threadpool(gauge.blocking_call) for _ in range(calls)])

    asyncio.run(main())
    return gauge.peak


class ThreadPoolLimitTest(unittest.TestCase):
    def test_as_many_at_once_as_anyios_limiter_allows(self) -> None:
        self.assertEqual(peak_of(30), 30)   # more than asyncio's default executor (cpu_count + 4)
        self.assertEqual(peak_of(50), 40)   # anyio's default 40 tokens
        self.assertEqual(peak_of(6, tokens=1), 1)   # an app serialising non-thread-safe code


if __name__ == "__main__":
    unittest.main()
