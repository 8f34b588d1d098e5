"""Binding a request in Python, with pydantic: the slow path the engine takes when its C# fast path
cannot decide (bad input, unusual types), and the reference the fast path must agree with.

It reproduces FastAPI's ``solve_dependencies``: values are validated one parameter at a time with the
parameter's TypeAdapter; errors are reported in FastAPI's order (the signature's ``error_order``: each
dependency's before its dependant's, once per use; path, query, header, cookie, body), each ``loc``
prefixed with its source and alias; missing optional values get a deep copy of the default. Dependencies are not called here: the
route's solver calls them once every value is valid; for an invalid request, the route's partial solver
calls those whose own values are valid (as FastAPI does) before the 422.
"""
from __future__ import annotations

import copy
import json
from typing import Any, Callable

from pydantic import ValidationError

from .. import params
from ..cookies import parse_cookie_lines
from ..datastructures import FormData
from ..forms import UploadFile, close_uploads, form_uploads, media_type, parse_form, uploads_in
from ..exceptions import EndpointContext, HTTPException, RequestValidationError
from . import failures
from .request_data import RequestData
from .signature import EndpointSignature, ParamSpec
from .specials import carrying_form
from .types import is_sequence, is_union_of_models, strip_optional

def missing_error(loc: tuple) -> dict[str, Any]:
    return {"type": "missing", "loc": loc, "msg": "Field required", "input": None}


def validate(spec: ParamSpec, value: Any, loc: tuple, errors: list) -> Any:
    try:
        if (failure := failures.take(spec.adapter, value)) is not None:   # the engine's check of this value
            raise failure
        if (checked := failures.passed(spec.adapter, value)) is not None:   # passed it, before another failed
            return checked[0]
        return spec.adapter.validate_python(value, from_attributes=True)
    except ValidationError as exc:
        _report(exc, loc, errors)
        return None


def _report(exc: ValidationError, loc: tuple, errors: list) -> None:
    errors.extend({**e, "loc": loc + tuple(e["loc"])} for e in exc.errors(include_url=False))


class _Errors(dict):
    """Leaf index -> its validation errors; ``raised``: the first exception a validator raised instead."""
    raised: Exception | None = None


class Binder:
    """``binder(raw) -> leaf values`` (plus the raw request when the plan takes it). An invalid request
    raises RequestValidationError with every error, in FastAPI's order, after ``partial`` (the route's
    partial solver, if it has dependencies) has run the valid dependencies; for an async route the
    binder returns that solver's coroutine instead, which raises once the engine has stepped it."""

    def __init__(self, signature: EndpointSignature, partial: Callable[..., Any] | None = None,
                 strict_content_type: bool = True,
                 endpoint_context: Callable[[str], EndpointContext] | None = None,
                 path_convertors: dict[str, Any] | None = None) -> None:
        self._signature = signature
        self._partial = partial
        self.strict_content_type = strict_content_type
        self._endpoint_context = endpoint_context   # method -> where the endpoint is, for the errors' str()
        # Path parameters whose convertor changes the value ({n:int}): validated from the converted value, as in
        # FastAPI (an error's input is 2, not "2"; a {u:uuid} is not a str). The plan sends such routes here.
        self.path_convertors = path_convertors or {}

    def __call__(self, raw: tuple) -> tuple:
        try:
            return self._bind(RequestData._make(raw), raw)
        finally:
            failures.forget()

    def _bind(self, data: RequestData, raw: tuple) -> tuple:
        query: dict[str, list[str]] = {}
        for key, value in data.query:
            query.setdefault(key, []).append(value)
        headers: dict[str, list[str]] = {}
        for key, value in data.headers or ():
            headers.setdefault(key.lower(), []).append(value)
        cookies = parse_cookie_lines(headers.get("cookie", []))
        body = self._body(data)

        values: dict[int, Any] = {}
        errors_of = _Errors()
        for spec in self._signature.leaves:
            if spec.source != "body":
                values[spec.index] = self._tracked(spec, errors_of, self._leaf, spec, data, query, headers, cookies)
        self._bind_body(body, data.body, values, errors_of)
        if isinstance(body, FormData) and not errors_of:
            if self._signature.needs_request:
                raw = carrying_form(raw, body)   # request.form() is this form; all its files close after the response
            else:
                _close_unbound_uploads(body, [values.get(p.index) for p in self._signature.form_params])
        leaves = tuple(values.get(p.index) for p in self._signature.leaves)
        arguments = leaves + (raw,) if self._signature.needs_request else leaves
        if not errors_of:
            return arguments
        error: Exception
        if errors_of.raised is not None:
            error = errors_of.raised
        else:
            errors = [e for index in self._signature.error_order for e in errors_of.get(index, ())]
            error = RequestValidationError(errors, body=body, endpoint_ctx=self._where(data))
        if self._partial is None:
            raise error
        return self._partial(error, frozenset(errors_of), *arguments)

    def _body(self, data: RequestData) -> Any:
        """The parsed body. As in FastAPI, invalid JSON is a 422 and any other failure to read or parse
        it (say, JSON nested too deep to decode) a 400."""
        try:
            if any(isinstance(p.field_info, params.Form) for p in self._signature.body_params):
                return parse_form(data)
            return read_body(data.body, data.content_type, self.strict_content_type) if self._signature.body_params else None
        except RequestValidationError as error:   # invalid JSON
            error.endpoint_ctx = self._where(data)
            raise
        except HTTPException:
            raise
        except Exception as exc:
            raise HTTPException(status_code=400, detail="There was an error parsing the body") from exc

    def _where(self, data: RequestData) -> EndpointContext | None:
        return self._endpoint_context(data.method) if self._endpoint_context is not None else None

    def _leaf(self, spec: ParamSpec, data: RequestData, query: dict[str, list[str]], headers: dict[str, list[str]],
              cookies: dict[str, str], errors: list) -> Any:
        if spec.fields is not None:
            received = query if spec.source == "query" else headers if spec.source == "header" else cookies
            return validate(spec, _model_input(spec, received), (spec.source,), errors)
        if spec.source == "path":
            raw_value = data.path_params.get(spec.alias)
            if spec.alias in self.path_convertors and raw_value is not None:
                raw_value = self.path_convertors[spec.alias].convert(raw_value)
        elif spec.source == "cookie":
            raw_value = cookies.get(spec.alias)
        else:
            found = (query if spec.source == "query" else headers).get(spec.key)
            # Starlette: query_params[k] is the last value, headers[k] the first.
            raw_value = found if spec.sequence else None if not found else found[-1] if spec.source == "query" else found[0]
        if raw_value == "" and spec.empty_is_missing:
            raw_value = None
        return self._received(spec, raw_value, (spec.source, spec.alias), errors)

    def _bind_body(self, body: Any, raw_body: bytes | None, values: dict[int, Any], errors_of: _Errors) -> None:
        if isinstance(body, FormData):
            self._bind_form(body, values, errors_of)
            return
        single = self._signature.single_body
        if single is not None:
            if (failure := failures.take(single.adapter, raw_body)) is not None:   # the engine's validation of it
                values[single.index] = self._tracked(single, errors_of, _reraise, failure, ("body",))
            else:
                values[single.index] = self._tracked(single, errors_of, self._value, single, body, ("body",))
            for spec in self._signature.repeated_bodies:   # the whole body again, for each other callable
                values[spec.index] = self._tracked(spec, errors_of, self._value, spec, body, ("body",))
            return
        if isinstance(body, bytes):   # not JSON (say text/plain): FastAPI looks nothing up in it, each field is absent
            body = None
        for spec in (*self._signature.body_params, *self._signature.repeated_bodies):
            loc = ("body", spec.alias)
            if body is not None and not isinstance(body, dict):   # a JSON list or scalar: each field is missing
                errors_of[spec.index] = [missing_error(loc)]
                continue
            raw_value = None if body is None else body.get(spec.alias)
            values[spec.index] = self._tracked(spec, errors_of, self._value, spec, raw_value, loc)

    def _bind_form(self, form: FormData, values: dict[int, Any], errors_of: _Errors) -> None:
        """Form fields are looked up by name; an empty text field counts as missing, as in FastAPI. A form
        model is validated whole from its fields and the form's other keys (for ``extra="forbid"``)."""
        for spec in (*self._signature.body_params, *self._signature.repeated_bodies):
            if spec.fields is not None:
                received = {key: form.getlist(key) for key in form.keys()}
                values[spec.index] = self._tracked(spec, errors_of, validate, spec, _model_input(spec, received), ("body",))
                continue
            if not spec.embed and is_union_of_models(spec.annotation):
                # The whole form, each key's value (a list when it repeats), for pydantic to pick the model.
                whole = {key: found[0] if len(found) == 1 else found for key in form.keys() for found in [form.getlist(key)]}
                values[spec.index] = self._tracked(spec, errors_of, validate, spec, whole, ("body",))
                continue
            found = form.getlist(spec.alias)
            if spec.sequence:
                raw_value = found or None
            else:
                raw_value = found[-1] if found else None
                if raw_value == "":
                    raw_value = None
            if isinstance(spec.field_info, params.File) and wants_bytes(spec.annotation):
                raw_value = _file_bytes(raw_value)
            values[spec.index] = self._tracked(spec, errors_of, self._received, spec, raw_value, ("body", spec.alias))

    @staticmethod
    def _tracked(spec: ParamSpec, errors_of: _Errors, bind: Callable[..., Any], *args: Any) -> Any:
        """``bind(*args, errors)``, keeping the leaf's errors under its index. A validator of the app's that raises
        its own exception (an HTTPException, say) fails the leaf with it: it is raised once the dependencies that do
        not need the leaf have run, as FastAPI validates the endpoint's values after its dependencies (an auth
        dependency's 401 comes first)."""
        errors: list[dict[str, Any]] = []
        try:
            value = bind(*args, errors)
        except Exception as raised:
            if errors_of.raised is None:
                errors_of.raised = raised
            errors_of.setdefault(spec.index, [])
            return None
        if errors:
            errors_of[spec.index] = errors
        return value

    @staticmethod
    def _value(spec: ParamSpec, raw_value: Any, loc: tuple, errors: list) -> Any:
        """A JSON body's value; a missing one's default is handed out as it is, as in FastAPI."""
        if raw_value is None:
            if spec.required:
                errors.append(missing_error(loc))
                return None
            return copy.deepcopy(spec.default())
        return validate(spec, raw_value, loc, errors)

    @classmethod
    def _received(cls, spec: ParamSpec, raw_value: Any, loc: tuple, errors: list) -> Any:
        """A path, query, header, cookie or form value. As FastAPI (its _get_multidict_value), a missing one's
        default, when it is not None, is validated like a received value: the field's validators run on it."""
        if raw_value is None and not spec.required:
            raw_value = copy.deepcopy(spec.default())
            if raw_value is None:
                return None
        return cls._value(spec, raw_value, loc, errors)


def _reraise(failure: Exception, loc: tuple, errors: list) -> None:
    """A failure the engine kept: pydantic's errors are reported at ``loc``, another exception raised again."""
    if not isinstance(failure, ValidationError):
        raise failure
    _report(failure, loc, errors)


def _close_unbound_uploads(form: FormData, bound: list[Any]) -> None:
    """Files of the form no parameter took: nothing can read them (the bound ones close after the response)."""
    taken = {id(upload) for upload in uploads_in(bound)}
    close_uploads([upload for upload in form_uploads(form) if id(upload) not in taken])


def _model_input(spec: ParamSpec, received: dict[str, Any]) -> dict[str, Any]:
    """FastAPI's input for a parameter (or form) model: each field's value under its name (a missing optional field
    gets a copy of its default), then every other received key, so ``extra="forbid"`` can reject it.
    ``received`` maps names to lists of values (query, headers, form) or to single values (cookies)."""
    found: dict[str, Any] = {}
    processed: set[str] = set()
    for field in spec.fields:
        values = received.get(field.key)
        if isinstance(values, list):
            # Starlette: query_params[k] and form[k] are the last value, headers[k] the first.
            value = values if field.sequence else None if not values else values[0] if spec.source == "header" else values[-1]
        else:
            value = values
        if value is None or (field.sequence and not value) or (field.empty_is_missing and value == ""):
            value = None if field.required else copy.deepcopy(field.default())
        name = (field.field_info.validation_alias if isinstance(field.field_info.validation_alias, str)
                else field.field_info.alias or field.name)
        if isinstance(field.field_info, params.File) and wants_bytes(field.annotation):   # a form model's File() field
            value = _file_bytes(value)
        if value is not None:
            found[name] = value
        # As FastAPI: the key looked up is used, so a query or form key equal to the field's Python name next to its
        # validation alias stays extra. A header model's field also uses its unconverted name (FastAPI PR 15589), so a
        # header sent with underscores neither replaces the hyphenated one nor stands in for it.
        processed.add(field.key)
        if spec.source == "header":
            processed.add(name)
    for key, values in received.items():
        if key not in processed:
            found[key] = values[0] if isinstance(values, list) and len(values) == 1 else values
    return found


def read_body(body: bytes | None, content_type: str | None, strict_content_type: bool) -> Any:
    """FastAPI reads the body as JSON when its content type is a JSON one (or, with
    ``strict_content_type=False``, when there is none); otherwise as bytes."""
    if not body:
        return None
    if not is_json_body(content_type, strict_content_type):
        return body
    try:
        return json.loads(body)
    except json.JSONDecodeError as exc:
        raise RequestValidationError(
            [{"type": "json_invalid", "loc": ("body", exc.pos), "msg": "JSON decode error", "input": {},
              "ctx": {"error": exc.msg}}],
            body=exc.doc,
        ) from exc


def is_json_body(content_type: str | None, strict_content_type: bool) -> bool:
    """Whether FastAPI decodes a body of this content type as JSON."""
    if not content_type:
        return not strict_content_type
    maintype, _, subtype = media_type(content_type)[0].partition("/")
    return maintype == "application" and (subtype == "json" or subtype.endswith("+json"))


def _file_bytes(value: Any) -> Any:
    """As FastAPI, for a ``File()`` field typed ``bytes``: the uploads' content, alone or in a list. A plain field (no
    filename) goes to pydantic as its text (FastAPI's test_optional_file_list.py: files="" is [b""])."""
    if isinstance(value, list):
        return [f.file.read() if isinstance(f, UploadFile) else f for f in value]
    return value.file.read() if isinstance(value, UploadFile) else value


def wants_bytes(annotation: Any) -> bool:
    """Whether a File parameter takes its uploads' content (``bytes``, or a sequence of them)."""
    base, _ = strip_optional(annotation)
    return base is bytes or (is_sequence(base) and bytes in getattr(base, "__args__", ()))
