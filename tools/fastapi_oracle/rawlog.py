"""pytest plugin for rawtests.sh: writes every response an httpx client of the test run received (the request,
status, headers and the body's raw bytes) as JSON lines to $RAWLOG, each with the test that made it."""
import json
import os

import httpx
import pytest

_test = ["?"]
_log = open(os.environ["RAWLOG"], "w")
_send, _async_send = httpx.Client.send, httpx.AsyncClient.send


def _record(response: httpx.Response) -> None:
    headers = [[k.lower(), v] for k, v in response.headers.multi_items() if k.lower() not in ("date", "server")]
    _log.write(json.dumps({"test": _test[0], "method": response.request.method, "url": str(response.request.url),
                           "status": response.status_code, "headers": headers,
                           "body": response.content.decode("latin-1")}) + "\n")
    _log.flush()


def send(self, request, *args, **kwargs):
    response = _send(self, request, *args, **kwargs)
    if not kwargs.get("stream"):   # a streamed response is the test's to read
        _record(response)
    return response


async def async_send(self, request, *args, **kwargs):
    response = await _async_send(self, request, *args, **kwargs)
    if not kwargs.get("stream"):
        _record(response)
    return response


httpx.Client.send, httpx.AsyncClient.send = send, async_send


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    _test[0] = item.nodeid
