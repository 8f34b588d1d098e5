"""An app for the server and lane tests: slow handlers of both kinds, and a crash."""
import asyncio
import time

from tachyon import FastAPI

app = FastAPI()


@app.get("/fast")
def fast():
    return {"fast": True}


@app.get("/block")
def block(seconds: float = 1.0):
    time.sleep(seconds)  # blocking I/O in a def handler: FastAPI runs these in a thread pool
    return {"blocked": seconds}


@app.get("/sleep")
async def sleep(seconds: float = 0.5):
    await asyncio.sleep(seconds)
    return {"slept": seconds}


@app.get("/task")
async def task_info():
    await asyncio.sleep(0)
    return {"in_task": asyncio.current_task() is not None}


@app.get("/crash")
def crash():
    raise ValueError("boom")
