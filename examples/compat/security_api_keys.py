"""API keys: ``APIKeyHeader``, ``APIKeyQuery`` and ``APIKeyCookie`` each give the key's value (the app
checks it), and document an ``apiKey`` security scheme."""
from typing import Annotated

from tachyon import Depends, FastAPI, HTTPException
from tachyon.security import APIKeyCookie, APIKeyHeader, APIKeyQuery

header_key = APIKeyHeader(name="X-API-Key", description="Issued in the dashboard.")
query_key = APIKeyQuery(name="api_key")
cookie_key = APIKeyCookie(name="session", scheme_name="SessionCookie")

known_keys = {"k-123": "metrics-bot", "k-456": "billing"}

app = FastAPI()


def client_name(key: Annotated[str, Depends(header_key)]) -> str:
    if key not in known_keys:
        raise HTTPException(status_code=403, detail="Unknown API key")
    return known_keys[key]


@app.get("/metrics")
def read_metrics(client: Annotated[str, Depends(client_name)]):
    return {"client": client}


@app.get("/export")
def export(key: Annotated[str, Depends(query_key)]):
    return {"key": key}


@app.get("/me")
def read_me(session: Annotated[str, Depends(cookie_key)]):
    return {"session": session}
