"""Response classes: JSONResponse, ORJSONResponse, HTMLResponse, PlainTextResponse,
RedirectResponse and a plain Response with its own media type and headers, used as
``response_class=`` or returned directly."""
from datetime import datetime

from tachyon import FastAPI
from tachyon.responses import (
    HTMLResponse,
    JSONResponse,
    ORJSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)

app = FastAPI()


@app.get("/json")
def json_direct():
    return JSONResponse(content={"message": "héllo", "items": [1, 2.5, None]}, headers={"X-Source": "json"})


@app.get("/orjson", response_class=ORJSONResponse)
def orjson_class():
    return {"name": "ünïcode", "price": 1.0, "when": datetime(2024, 5, 17, 9, 30)}


@app.get("/orjson/direct")
def orjson_direct():
    return ORJSONResponse({1: "one", "two": [2]})


@app.get("/html", response_class=HTMLResponse)
def html_class():
    return "<html><body><h1>Hello</h1></body></html>"


@app.get("/html/direct")
def html_direct():
    return HTMLResponse(content="<p>Not here</p>", status_code=404)


@app.get("/text", response_class=PlainTextResponse)
def text_class():
    return "Hello, world"


@app.get("/go", response_class=RedirectResponse)
def redirect_class():
    return "https://example.com/docs"


@app.get("/moved", response_class=RedirectResponse, status_code=301)
def redirect_class_301():
    return "/text"


@app.post("/submit")
def redirect_after_post():
    return RedirectResponse(url="/json", status_code=303)


@app.get("/search")
def redirect_with_query():
    return RedirectResponse(url="/text?q=a b&lang=ü")


@app.get("/feed.xml")
def xml_feed():
    data = '<?xml version="1.0"?><feed><title>News</title></feed>'
    return Response(content=data, media_type="application/xml", headers={"Cache-Control": "no-store"})


@app.get("/report.csv")
def csv_report():
    return Response(content="id,name\n1,Ann\n", media_type="text/csv")


@app.get("/pixel")
def pixel():
    return Response(content=b"\x89PNG\r\n\x1a\n", media_type="image/png")


@app.get("/raw")
def raw():
    return Response(content="no media type")
