"""OpenAPI: the schema of an app (``utils.get_openapi``) and the documentation pages (``docs``)."""
