"""Templates: Jinja2 pages rendered with ``Jinja2Templates.TemplateResponse``, ``url_for`` inside the
template, autoescaping, and context processors. (FastAPI's tutorial also mounts StaticFiles, which
Tachyon does not serve yet.)"""
from pathlib import Path

from tachyon import FastAPI, Request
from tachyon.responses import HTMLResponse
from tachyon.templating import Jinja2Templates

app = FastAPI()


def site_name(request: Request) -> dict:
    return {"site": "Tachyon"}


templates = Jinja2Templates(directory=Path(__file__).parent / "templates", context_processors=[site_name])


@app.get("/items/{id}", response_class=HTMLResponse)
async def read_item(request: Request, id: str, note: str | None = None):
    return templates.TemplateResponse(request=request, name="item.html", context={"id": id, "note": note})


@app.get("/missing/{id}", response_class=HTMLResponse)
def missing_item(request: Request, id: str):
    return templates.TemplateResponse(request, "item.html", {"id": id}, status_code=404)
