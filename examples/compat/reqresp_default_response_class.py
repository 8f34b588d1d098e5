"""``default_response_class`` on the app, on a router and on ``include_router``: a route's own
``response_class`` wins, then the router's default, then the inclusion's, then the app's."""
from tachyon import APIRouter, FastAPI
from tachyon.responses import HTMLResponse, JSONResponse, PlainTextResponse

app = FastAPI(default_response_class=HTMLResponse)


@app.get("/")
def home():
    return "<h1>Home</h1>"


@app.get("/api/status", response_class=JSONResponse)
def api_status():
    return {"ok": True}


text = APIRouter(prefix="/text", default_response_class=PlainTextResponse)


@text.get("/hello")
def hello():
    return "hello"


@text.get("/data", response_class=JSONResponse)
def data():
    return {"numbers": [1, 2, 3]}


pages = APIRouter(prefix="/pages")  # no default of its own: the app's HTMLResponse applies


@pages.get("/about")
def about():
    return "<p>About us</p>"


@pages.get("/{name}")
def page(name: str):
    return f"<h1>{name}</h1>"


feeds = APIRouter()


@feeds.get("/latest")
def latest_feed():
    return "latest news"


app.include_router(text)
app.include_router(pages)
app.include_router(feeds, prefix="/feeds", default_response_class=PlainTextResponse)
