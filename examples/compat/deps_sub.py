"""Sub-dependencies and per-request caching: a dependency can depend on others; a dependency used several
times in one request is called once (its value reused) unless declared with ``use_cache=False``."""
from typing import Annotated

from tachyon import Cookie, Depends, FastAPI

app = FastAPI()


def query_extractor(q: str | None = None):
    return q


def query_or_cookie_extractor(q: Annotated[str | None, Depends(query_extractor)],
                              last_query: Annotated[str | None, Cookie()] = None):
    if not q:
        return last_query
    return q


def new_log() -> list[str]:
    return ["created"]


def first_step(log: Annotated[list[str], Depends(new_log)]):
    log.append("first")
    return log


def second_step(log: Annotated[list[str], Depends(new_log)]):
    log.append("second")
    return log


def fresh_step(log: Annotated[list[str], Depends(new_log, use_cache=False)]):
    log.append("fresh")
    return log


@app.get("/items/")
def read_query(query_or_default: Annotated[str | None, Depends(query_or_cookie_extractor)]):
    return {"q_or_cookie": query_or_default}


@app.get("/cached/")
def cached(first: Annotated[list[str], Depends(first_step)], second: Annotated[list[str], Depends(second_step)],
           log: Annotated[list[str], Depends(new_log)]):
    return {"first": first, "second": second, "log": log, "one_log": first is second is log}


@app.get("/uncached/")
def uncached(first: Annotated[list[str], Depends(first_step)], fresh: Annotated[list[str], Depends(fresh_step)],
             again: Annotated[list[str], Depends(new_log, use_cache=False)]):
    return {"first": first, "fresh": fresh, "again": again}
