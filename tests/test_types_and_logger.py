"""fastapi.types, fastapi.logger and fastapi.dependencies.utils counterparts: the aliases custom routers annotate
with, the logger apps use, and the signature helpers extensions (fastapi-cache's decorator) read endpoints with."""
from __future__ import annotations

import inspect
import logging
import unittest
from collections.abc import Callable
from typing import Annotated, Any

from tachyon import APIRouter, Depends, FastAPI
from tachyon.logger import logger
from tachyon.testclient import TestClient
from tachyon.types import DecoratedCallable, IncEx


class SlashlessRouter(APIRouter):
    """A common recipe: each route answers with and without its trailing slash."""

    def api_route(self, path: str, *, include_in_schema: bool = True, **kwargs: Any) -> Callable[[DecoratedCallable], DecoratedCallable]:
        path = path.rstrip("/")
        add_path = super().api_route(path, include_in_schema=include_in_schema, **kwargs)
        add_slash = super().api_route(path + "/", include_in_schema=False, **kwargs)

        def decorator(func: DecoratedCallable) -> DecoratedCallable:
            add_slash(func)
            return add_path(func)
        return decorator


router = SlashlessRouter()


@router.get("/items/")
def items() -> list[int]:
    logger.info("listing items")
    return [1, 2]


app = FastAPI()
app.include_router(router)


class TypesAndLoggerTest(unittest.TestCase):
    def test_a_router_annotated_with_decorated_callable_serves_both_paths(self) -> None:
        with TestClient(app, follow_redirects=False) as client:
            self.assertEqual([client.get(p).json() for p in ("/items", "/items/")], [[1, 2], [1, 2]])
        self.assertEqual(sorted(app.openapi()["paths"]), ["/items"])

    def test_the_logger_is_the_frameworks(self) -> None:
        self.assertIsInstance(logger, logging.Logger)
        self.assertEqual(logger.name, "tachyon")
        with self.assertLogs("tachyon", level="INFO") as logs, TestClient(app) as client:
            client.get("/items")
        self.assertEqual(logs.output, ["INFO:tachyon:listing items"])

    def test_inc_ex_is_fastapis_union(self) -> None:
        self.assertEqual(set(IncEx.__args__), {set[int], set[str], dict[int, Any], dict[str, Any]})


class Item:
    pass


def endpoint(item_id: "int", item: "Item | None" = None) -> "list[Item]":
    return []


class SignatureHelpersTest(unittest.TestCase):
    def test_string_annotations_are_evaluated_in_the_callables_module(self) -> None:
        import functools

        from tachyon.dependencies.utils import get_typed_return_annotation, get_typed_signature

        @functools.wraps(endpoint)
        def cached(*args: Any, **kwargs: Any) -> Any:
            return endpoint(*args, **kwargs)

        for call in (endpoint, cached):
            parameters = get_typed_signature(call).parameters
            self.assertEqual([(p.name, p.annotation, p.default) for p in parameters.values()],
                             [("item_id", int, inspect.Parameter.empty), ("item", Item | None, None)])
            self.assertEqual(get_typed_return_annotation(call), list[Item])
        self.assertIsNone(get_typed_return_annotation(lambda: None))   # no annotation

    def test_a_name_not_defined_at_run_time_stays_a_forward_reference(self) -> None:
        """As pydantic's lenient evaluation in FastAPI (a type imported under TYPE_CHECKING): no NameError,
        and an Annotated dependency keeps its Depends."""
        from typing import ForwardRef, get_args

        from tachyon.dependencies.utils import get_typed_signature

        def reader(session: "Session", user: "Annotated[Account, Depends(endpoint)]") -> None:   # noqa: F821
            return None   # Annotated and Depends are resolved in this module, which imports them

        session, user = get_typed_signature(reader).parameters.values()
        self.assertEqual(session.annotation, ForwardRef("Session"))
        self.assertEqual(get_args(user.annotation)[0], ForwardRef("Account"))
        self.assertIs(get_args(user.annotation)[1].dependency, endpoint)


if __name__ == "__main__":
    unittest.main()
