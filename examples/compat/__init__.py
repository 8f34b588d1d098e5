"""FastAPI-tutorial-style apps, one concept each, with tests asserting FastAPI's exact responses and OpenAPI."""
