"""The correctness check: one request per scenario before it is loaded."""

import http.client
import json

from .scenarios import Scenario


def check(port: int, scenario: Scenario) -> str | None:
    """None if the answer is right, else why not (prefixed 'unsupported' for optional features)."""
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        headers = {"Content-Type": "application/json"} if scenario.body is not None else {}
        conn.request(scenario.method, scenario.path, body=scenario.body, headers=headers)
        response = conn.getresponse()
        status, raw = response.status, response.read()
        conn.close()
    except (OSError, http.client.HTTPException) as e:
        return f"no answer to {scenario.title}: {e!r}"
    shown = raw[:200].decode(errors="replace")
    if status != scenario.expected_status:
        if scenario.optional and (status in (404, 405) or status >= 500):
            return f"unsupported: {scenario.title} answered HTTP {status}"
        return f"{scenario.title} answered HTTP {status} (expected {scenario.expected_status}): {shown}"
    try:
        body = json.loads(raw)
    except ValueError:
        return f"{scenario.title} answered non-JSON: {shown}"
    if body != scenario.expected_json:
        return f"{scenario.title} answered a wrong body: {shown}"
    return None
