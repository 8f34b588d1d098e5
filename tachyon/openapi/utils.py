"""Generates an app's OpenAPI document the way FastAPI does: pydantic's JSON schemas for every
parameter, body and response model (shared definitions under components/schemas, separate
"-Input"/"-Output" schemas where validation and serialization differ), FastAPI's operation ids,
summaries, 422 responses and security schemes."""
from __future__ import annotations

import copy
import http.client
import inspect
import warnings
from typing import Annotated, Any

from pydantic import TypeAdapter, create_model
from pydantic.fields import FieldInfo
from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import PydanticUndefined

from .._compat import BODY_MODEL_MODULE
from .._endpoint.fields import quiet_type_adapter
from ..dependencies.utils import merged_body_info
from ..encoders import jsonable_encoder
from ..exceptions import FastAPIDeprecationWarning
from ..utils import deep_dict_update, generate_operation_id_for_path, is_body_allowed_for_status_code
from ..responses import JSONResponse
from ..routing import APIRoute
from .constants import METHODS_WITH_BODY, REF_PREFIX, REF_TEMPLATE
from .models import OpenAPI

validation_error_definition = {   # FastAPI's names: apps replace them (the realworld template documents its own 422)
    "title": "ValidationError",
    "type": "object",
    "properties": {
        "loc": {"title": "Location", "type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
        "msg": {"title": "Message", "type": "string"},
        "type": {"title": "Error Type", "type": "string"},
        "input": {"title": "Input"},
        "ctx": {"title": "Context", "type": "object"},
    },
    "required": ["loc", "msg", "type"],
}
validation_error_response_definition = {
    "title": "HTTPValidationError",
    "type": "object",
    "properties": {"detail": {"title": "Detail", "type": "array", "items": {"$ref": REF_PREFIX + "ValidationError"}}},
}
status_code_ranges: dict[str, str] = {"1XX": "Information", "2XX": "Success", "3XX": "Redirection",
                                      "4XX": "Client Error", "5XX": "Server Error", "DEFAULT": "Default Response"}


class _OpenAPISchemaGenerator(GenerateJsonSchema):
    """pydantic's generator with FastAPI's one change: bytes are OpenAPI 3.1 binary strings
    (``contentMediaType``, not pydantic's ``format: binary``), base64-encoded ones say so."""

    def bytes_schema(self, schema: Any) -> dict[str, Any]:
        json_schema: dict[str, Any] = {"type": "string", "contentMediaType": "application/octet-stream"}
        config = self._config
        if (config.ser_json_bytes if self.mode == "serialization" else config.val_json_bytes) == "base64":
            json_schema["contentEncoding"] = "base64"
        self.update_with_validations(json_schema, schema, self.ValidationsMapping.bytes)
        return json_schema


class _Field:
    """A schema source: what FastAPI calls a ModelField (a type adapter, a mode, a fallback title)."""

    def __init__(self, adapter: TypeAdapter, mode: str, title: str) -> None:
        self.adapter = adapter
        self.mode = mode
        self.title = title

    @property
    def has_computed_fields(self) -> bool:
        """Whether this is a model with computed fields (as FastAPI checks: not one inside a list, say)."""
        return bool(self.adapter.core_schema.get("schema", {}).get("computed_fields"))


def _param_field(spec: Any) -> _Field:
    # FastAPI titles a parameter by its request name: a header's converted alias gives "User-Agent".
    return _Field(spec.adapter, "validation",
                  spec.field_info.title or spec.doc_title or spec.alias.title().replace("_", " "))


def _body_field(route: Any) -> tuple[_Field, FieldInfo] | None:
    bodies = route.declared_signature.body_params
    if not bodies:
        return None
    single = route.declared_signature.single_body
    if single is not None:
        return _param_field(single), single.field_info
    model = create_model(f"Body_{route.unique_id}", __module__=BODY_MODEL_MODULE,
                         **{p.name: (p.annotation, p.field_info) for p in bodies})
    info = merged_body_info([p.field_info for p in bodies], any(p.required for p in bodies), model)
    return _Field(quiet_type_adapter(Annotated[model, info]), "validation", "Body"), info


def _response_field(route: Any) -> _Field | None:
    if not route.response_model:   # FastAPI documents no model for a falsy one
        return None
    info = FieldInfo(annotation=route.response_model)
    name = f"Response_{route.unique_id}"
    return _Field(quiet_type_adapter(Annotated[route.response_model, info]), "serialization", name.title().replace("_", " "))


def _security(route: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    from ..security.base import SecurityBase

    definitions: dict[str, Any] = {}
    scopes_by_scheme: dict[str, list[str]] = {}  # one requirement per scheme, all its uses' scopes in order

    def walk(node: Any) -> None:
        for child in node.children:
            if isinstance(child.call, SecurityBase):
                name = child.call.scheme_name
                definitions[name] = jsonable_encoder(child.call.model, exclude_none=True)
                scopes = scopes_by_scheme.setdefault(name, [])
                for scope in child.security_scopes:
                    if scope not in scopes:
                        scopes.append(scope)
            walk(child)

    walk(route.declared_signature.root)
    return definitions, [{name: scopes} for name, scopes in scopes_by_scheme.items()]


def get_openapi(*, title: str, version: str, openapi_version: str = "3.1.0", summary: str | None = None,
                description: str | None = None, routes: list[Any], webhooks: list[Any] | None = None,
                tags: list[dict[str, Any]] | None = None, servers: list[dict[str, Any]] | None = None,
                terms_of_service: str | None = None, contact: dict[str, Any] | None = None,
                license_info: dict[str, Any] | None = None, separate_input_output_schemas: bool = True,
                external_docs: dict[str, Any] | None = None) -> dict[str, Any]:
    info: dict[str, Any] = {"title": title}
    for key, value in (("summary", summary), ("description", description), ("termsOfService", terms_of_service),
                       ("contact", contact), ("license", license_info)):
        if value:
            info[key] = value
    info["version"] = version
    output: dict[str, Any] = {"openapi": openapi_version, "info": info}
    if servers:
        output["servers"] = servers

    def mode_of(f: _Field) -> str:
        # Shared schemas are the validation ones, but a model computing fields documents them (FastAPI).
        return f.mode if separate_input_output_schemas or f.has_computed_fields else "validation"

    # Path operations only, as FastAPI documents them: plain routes (the docs pages, /metrics) never appear.
    documented = [r for r in list(routes) + list(webhooks or []) if isinstance(r, APIRoute) and r.include_in_schema]
    fields: dict[int, dict[str, Any]] = {}
    inputs = []
    for route in _with_callbacks(documented):
        entry: dict[str, Any] = {"params": [(spec, _param_field(spec)) for spec in _documented_leaves(route.declared_signature.root)],
                                 "body": _body_field(route), "response": _response_field(route),
                                 "extra": {code: _Field(adapter, "serialization",
                                                        f"Response_{code}_{route.unique_id}".title().replace("_", " "))
                                           for code, adapter in route.response_fields.items()}}
        fields[id(route)] = entry
        all_fields = [f for _, f in entry["params"]] + ([entry["body"][0]] if entry["body"] else []) + \
            ([entry["response"]] if entry["response"] else []) + list(entry["extra"].values())
        for f in all_fields:
            inputs.append((f, mode_of(f), f.adapter.core_schema))
    generator = _OpenAPISchemaGenerator(ref_template=REF_TEMPLATE)
    mapping, definitions = generator.generate_definitions(inputs=inputs) if inputs else ({}, {})
    for definition in definitions.values():
        # A model's docstring is documented up to a form feed, as an endpoint's is.
        if "description" in definition:
            definition["description"] = definition["description"].split("\f")[0]

    def schema_of(f: _Field) -> dict[str, Any]:
        schema = dict(mapping[(f, mode_of(f))])
        if "$ref" not in schema:
            schema["title"] = f.title
        return schema

    components: dict[str, Any] = {}
    paths: dict[str, Any] = {}
    webhook_paths: dict[str, Any] = {}
    operation_ids: set[str] = set()
    for route in documented:
        path, security_schemes, path_definitions = _path_item(route, fields, schema_of, operation_ids)
        target = webhook_paths if webhooks and route in webhooks else paths
        target.setdefault(route.path_format, {}).update(path)
        if security_schemes:
            components.setdefault("securitySchemes", {}).update(security_schemes)
        definitions.update(path_definitions)
    if definitions:
        components = {"schemas": {k: definitions[k] for k in sorted(definitions)}, **components}
    output["paths"] = paths
    if webhook_paths:
        output["webhooks"] = webhook_paths
    if components:
        output["components"] = components
    if tags:
        output["tags"] = tags
    if external_docs:
        output["externalDocs"] = external_docs
    # As FastAPI, through the OpenAPI models: they order the keys as /openapi.json writes them (a component schema's
    # keywords in the Schema model's order), normalise URLs and floats, and refuse invalid metadata.
    return jsonable_encoder(OpenAPI(**output), by_alias=True, exclude_none=True)


def _with_callbacks(routes: list[Any]) -> list[Any]:
    """The routes and, depth first, the callback routes they document (``callbacks=router.routes``)."""
    found = []
    for route in routes:
        found.append(route)
        documented = [c for c in route.callbacks or [] if isinstance(c, APIRoute) and c.include_in_schema]
        found.extend(_with_callbacks(documented))
    return found


def generate_operation_id(*, route: Any, method: str) -> str:
    """Deprecated in FastAPI, which no longer uses it: the route's operation_id, else one made of its name and path."""
    warnings.warn("fastapi.openapi.utils.generate_operation_id() was deprecated, it is not used internally, and will "
                  "be removed soon", FastAPIDeprecationWarning, stacklevel=2)
    return route.operation_id or generate_operation_id_for_path(name=route.name, path=route.path_format, method=method)


def generate_operation_summary(*, route: Any, method: str) -> str:
    """An operation's summary: the route's, else its name in title case."""
    return route.summary or route.name.replace("_", " ").title()


def get_openapi_operation_metadata(*, route: Any, method: str, operation_ids: set[str]) -> dict[str, Any]:
    """An operation's tags, summary, description, operationId (warning about a duplicate) and deprecated flag,
    as FastAPI's function of this name writes them."""
    operation: dict[str, Any] = {}
    if route.tags:
        operation["tags"] = route.tags
    operation["summary"] = generate_operation_summary(route=route, method=method)
    if route.description:
        operation["description"] = route.description
    operation_id = route.operation_id or route.unique_id
    if operation_id in operation_ids:
        endpoint_name = getattr(route.endpoint, "__name__", "<unnamed_endpoint>")   # a partial or a callable has none
        message = f"Duplicate Operation ID {operation_id} for function {endpoint_name}"
        file_name = getattr(route.endpoint, "__globals__", {}).get("__file__")
        warnings.warn(message + (f" at {file_name}" if file_name else ""), stacklevel=1)
    operation_ids.add(operation_id)
    operation["operationId"] = operation_id
    if route.deprecated:
        operation["deprecated"] = route.deprecated
    return operation


def _path_item(route: Any, fields: dict[int, dict[str, Any]], schema_of: Any, operation_ids: set[str]) -> tuple[dict, dict, dict]:
    entry = fields[id(route)]
    path: dict[str, Any] = {}
    definitions: dict[str, Any] = {}
    security_schemes, security = _security(route)
    media_type = route.actual_response_class.media_type
    for method in sorted(route.methods):
        operation = get_openapi_operation_metadata(route=route, method=method, operation_ids=operation_ids)
        # In FastAPI's order: pydantic keeps some path items (those with parameters) as the dicts built here.
        if security:
            operation["security"] = security
        parameters = _parameters(entry["params"], schema_of)
        if parameters:
            operation["parameters"] = parameters
        if method in METHODS_WITH_BODY and entry["body"] is not None:
            body_field, info = entry["body"]
            content: dict[str, Any] = {"schema": schema_of(body_field)}
            _add_examples(content, info)
            request_body: dict[str, Any] = {"required": True} if info.is_required() else {}
            request_body["content"] = {getattr(info, "media_type", "application/json"): content}
            operation["requestBody"] = request_body
        if route.callbacks:
            # FastAPI keys a callback by its route's name, then its path as written ("{$callback_url}/…").
            callbacks: dict[str, Any] = {}
            # One left out of the schema is still keyed, with an empty path item.
            for callback in route.callbacks:
                if not isinstance(callback, APIRoute):
                    continue
                callback_path: dict[str, Any] = {}
                if callback.include_in_schema:
                    callback_path, _, callback_definitions = _path_item(callback, fields, schema_of, operation_ids)
                    definitions.update(callback_definitions)
                callbacks[callback.name] = {callback.path: callback_path}
            operation["callbacks"] = callbacks
        status = str(route.status_code) if route.status_code is not None else str(
            inspect.signature(route.actual_response_class.__init__).parameters["status_code"].default)
        responses: dict[str, Any] = {status: {"description": route.response_description}}
        if media_type and is_body_allowed_for_status_code(route.status_code):
            schema: dict[str, Any] = {"type": "string"}
            if issubclass(route.actual_response_class, JSONResponse):
                schema = schema_of(entry["response"]) if entry["response"] is not None else {}
            responses[status]["content"] = {media_type: {"schema": schema}}
        for code, extra in route.responses.items():
            key = str(code).upper()
            key = "default" if key == "DEFAULT" else key
            target = responses.setdefault(key, {})
            # A copy: the same responses dict (an app's or a router's) may serve many routes.
            extra = copy.deepcopy({k: v for k, v in extra.items() if k != "model"})
            if code in entry["extra"]:
                model_schema = schema_of(entry["extra"][code])
                content_type = media_type or "application/json"
                deep_dict_update(extra.setdefault("content", {}).setdefault(content_type, {}).setdefault("schema", {}),
                             model_schema)
            # A key that is no status code, range or "default" fails here (ValueError), as in FastAPI.
            text = status_code_ranges.get(str(code).upper()) or http.client.responses.get(int(code))
            description = extra.get("description") or target.get("description") or text or "Additional Response"
            deep_dict_update(target, extra)
            target["description"] = description
        operation["responses"] = responses
        if (entry["params"] or entry["body"]) and not any(s in responses for s in ("422", "4XX", "default")):
            responses["422"] = {"description": "Validation Error", "content": {
                "application/json": {"schema": {"$ref": REF_PREFIX + "HTTPValidationError"}}}}
            definitions.update({"ValidationError": validation_error_definition,
                                "HTTPValidationError": validation_error_response_definition})
        if route.openapi_extra:
            deep_dict_update(operation, route.openapi_extra)
        path[method.lower()] = operation
    return path, security_schemes, definitions


def _documented_leaves(root: Any) -> list[Any]:
    """FastAPI's flat dependant for docs: a callable's own parameters before its dependencies', repeats skipped.
    A parameter model is documented as its fields only when it is the route's one parameter of its kind
    (FastAPI's _get_flat_fields_from_params over the whole route; requests flatten each callable's own)."""
    by_source: dict[str, list[Any]] = {}
    seen: set = set()

    def walk(node: Any) -> None:
        for p in node.leaves():
            if p.source != "body":
                by_source.setdefault(p.source, []).append(p)
        for child in node.children:
            if child.cache_key not in seen:
                seen.add(child.cache_key)
                walk(child)

    walk(root)
    return [leaf for leaves in by_source.values()
            for leaf in (leaves[0].fields if len(leaves) == 1 and leaves[0].fields is not None else leaves)]


def _parameters(fields: list[tuple[Any, _Field]], schema_of: Any) -> list[dict[str, Any]]:
    """One entry per (in, name), where it first appears, as FastAPI keys them: the last declaration wins
    (a dependency's over the endpoint's), and a required one over any optional one."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    required: dict[tuple[str, str], dict[str, Any]] = {}
    for spec, f in sorted(fields, key=lambda sf: ("path", "query", "header", "cookie").index(sf[0].source)):
        info = spec.field_info
        if not getattr(info, "include_in_schema", True):
            continue
        # In FastAPI's order (paths are written as built, not through the models).
        parameter: dict[str, Any] = {"name": spec.alias, "in": spec.source, "required": spec.required,
                                     "schema": schema_of(f)}
        if info.description:
            parameter["description"] = info.description
        _add_examples(parameter, info)
        if getattr(info, "deprecated", None):
            parameter["deprecated"] = True
        key = (spec.source, spec.alias)
        found[key] = parameter
        if parameter["required"]:
            required[key] = parameter
    found.update(required)
    return list(found.values())


def _add_examples(target: dict[str, Any], info: Any) -> None:
    """A parameter's or a body's ``openapi_examples`` or, failing those, its deprecated ``example``: next to
    the schema, as FastAPI documents them."""
    if getattr(info, "openapi_examples", None):
        target["examples"] = jsonable_encoder(info.openapi_examples)
    elif getattr(info, "example", PydanticUndefined) is not PydanticUndefined:
        target["example"] = jsonable_encoder(info.example)
