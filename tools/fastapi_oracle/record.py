"""record.py APP: runs APP's REQUESTS through TestClient(app) and prints one JSON document (see diff.sh).

APP defines `app` and `REQUESTS`, a list of dicts: method, url and any of params, json, data, files, headers,
cookies, content, follow_redirects. The same file runs under FastAPI and under Tachyon (the shim's `fastapi`);
server exceptions become 500s, and date/server headers are left out."""
import importlib.util
import json
import sys

from fastapi.testclient import TestClient

SKIP_HEADERS = {"date", "server"}


def _load(path):
    spec = importlib.util.spec_from_file_location("probe_app", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["probe_app"] = mod
    spec.loader.exec_module(mod)
    return mod


def _record(resp):
    try:
        body = resp.json()
    except Exception:
        body = resp.text
    headers = sorted([k.lower(), v] for k, v in resp.headers.multi_items() if k.lower() not in SKIP_HEADERS)
    return {"status": resp.status_code, "headers": headers, "body": body}


def main(path):
    out = {}
    try:
        mod = _load(path)
    except Exception as e:
        print(json.dumps({"load_error": f"{type(e).__name__}: {e}"}))
        return
    client_kwargs = getattr(mod, "CLIENT_KWARGS", {})
    with TestClient(mod.app, raise_server_exceptions=False, **client_kwargs) as client:
        for i, req in enumerate(getattr(mod, "REQUESTS", [])):
            req = dict(req)
            method = req.pop("method", "GET")
            url = req.pop("url")
            key = f"{i:03d} {method} {url}"
            try:
                out[key] = _record(client.request(method, url, **req))
            except Exception as e:
                out[key] = {"client_error": f"{type(e).__name__}: {e}"}
        if getattr(mod, "CHECK_OPENAPI", True) and getattr(mod.app, "openapi_url", None):
            try:
                out["openapi"] = mod.app.openapi()
            except Exception as e:
                out["openapi"] = {"openapi_error": f"{type(e).__name__}: {e}"}
    print(json.dumps(out, indent=1, sort_keys=True, default=repr))


if __name__ == "__main__":
    main(sys.argv[1])
