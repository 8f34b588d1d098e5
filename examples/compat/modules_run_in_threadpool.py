"""``tachyon.concurrency.run_in_threadpool``: call blocking code from an ``async def`` path operation without
blocking the event loop; positional and keyword arguments pass through, the result (or the exception) comes
back to the caller, and context variables set before the call are visible in the thread."""
import contextvars
import threading
import time

from tachyon import FastAPI, HTTPException
from tachyon.concurrency import run_in_threadpool

request_label: contextvars.ContextVar[str] = contextvars.ContextVar("request_label", default="unset")

catalogue = {"978-0441172719": "Dune", "978-0141439518": "Pride and Prejudice"}

app = FastAPI()


def slow_lookup(isbn: str, *, delay: float = 0.0, uppercase: bool = False) -> dict:
    time.sleep(delay)  # stands for a blocking driver call
    if isbn not in catalogue:
        raise HTTPException(status_code=404, detail=f"No book with ISBN {isbn}")
    title = catalogue[isbn]
    return {
        "isbn": isbn,
        "title": title.upper() if uppercase else title,
        "thread_id": threading.get_ident(),
        "label": request_label.get(),
    }


@app.get("/books/{isbn}")
async def read_book(isbn: str, uppercase: bool = False):
    loop_thread = threading.get_ident()
    request_label.set(f"book:{isbn}")
    record = await run_in_threadpool(slow_lookup, isbn, delay=0.01, uppercase=uppercase)
    return {
        "isbn": record["isbn"],
        "title": record["title"],
        "label": record["label"],
        "ran_on_event_loop_thread": record["thread_id"] == loop_thread,
    }
