"""OpenAPI fragments every FastAPI document repeats (fastapi/openapi/utils.py), shared by the compat
tests: the validation-error schemas, the 422 response that refers to them, and the default 200."""

VALIDATION_ERROR = {
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
HTTP_VALIDATION_ERROR = {
    "title": "HTTPValidationError",
    "type": "object",
    "properties": {"detail": {"title": "Detail", "type": "array", "items": {"$ref": "#/components/schemas/ValidationError"}}},
}
VALIDATION_SCHEMAS = {"HTTPValidationError": HTTP_VALIDATION_ERROR, "ValidationError": VALIDATION_ERROR}
RESPONSE_422 = {
    "description": "Validation Error",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/HTTPValidationError"}}},
}
RESPONSE_200 = {"description": "Successful Response", "content": {"application/json": {"schema": {}}}}
