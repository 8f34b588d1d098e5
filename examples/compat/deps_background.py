"""Background tasks: a ``BackgroundTasks`` parameter (in the endpoint and in its dependencies, the same
object) collects functions, sync or async, that run in order after the response has been sent."""
from typing import Annotated

from tachyon import BackgroundTasks, Depends, FastAPI

app = FastAPI()

log: list[str] = []


def write_log(message: str):
    log.append(message)


async def send_email(email: str, *, subject: str = "Hello"):
    log.append(f"email to {email}: {subject}")


def get_query(background_tasks: BackgroundTasks, q: str | None = None):
    if q:
        background_tasks.add_task(write_log, f"found query: {q}")
    return q


@app.post("/send-notification/{email}")
async def send_notification(email: str, background_tasks: BackgroundTasks,
                            q: Annotated[str | None, Depends(get_query)]):
    background_tasks.add_task(write_log, f"message to {email}")
    background_tasks.add_task(send_email, email, subject="Notification")
    return {"message": "Message sent", "log_so_far": list(log)}
