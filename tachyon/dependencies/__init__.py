"""``fastapi.dependencies``: ``models`` describes a route's dependency tree (``route.dependant``); ``utils`` has
the signature helpers extensions import and ``get_flat_dependant``."""
