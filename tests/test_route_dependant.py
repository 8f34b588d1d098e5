"""route.dependant: FastAPI's description of a path operation's dependency tree (fastapi.dependencies.models),
which tests and libraries walk, e.g. to check that every admin route depends on require_admin."""
from __future__ import annotations

import unittest
from typing import Annotated

from pydantic import BaseModel

from tachyon import APIRouter, BackgroundTasks, Body, Cookie, Depends, FastAPI, Header, Query, Request, Response, Security
from tachyon._compat import Undefined
from tachyon.dependencies.models import Dependant, SecurityRequirement
from tachyon.dependencies.utils import get_flat_dependant, get_flat_params
from tachyon.routing import APIRoute
from tachyon.security import APIKeyHeader, OAuth2PasswordBearer, SecurityScopes

oauth2 = OAuth2PasswordBearer("token", scopes={"me": "read yourself", "admin": "everything"})
api_key = APIKeyHeader(name="x-key")


def current_user(security_scopes: SecurityScopes, token: str = Depends(oauth2)) -> str:
    return token


def require_admin(user: str = Security(current_user, scopes=["admin"])) -> str:
    return user


def paging(limit: int = 10, x_trace_id: str = Header("t")):
    yield limit


class Item:
    def __init__(self, name: str = Body(), session: str | None = Cookie(None)) -> None:
        self.name = name


router = APIRouter(prefix="/admin", dependencies=[Depends(require_admin)])


@router.post("/items/{item_id}")
def create(item_id: int, item: Annotated[Item, Depends()], page: int = Depends(paging, use_cache=False),
           request: Request = None, response: Response = None, tasks: BackgroundTasks = None, key: str = Depends(api_key)):
    return {}


app = FastAPI()
app.include_router(router)


@app.get("/public")
def public():
    return {}


def route(path: str) -> APIRoute:
    return next(r for r in app.routes if isinstance(r, APIRoute) and r.path == path)


def walk(dependant: Dependant):
    yield dependant
    for sub in dependant.dependencies:
        yield from walk(sub)


class Filters(BaseModel):
    q: str | None = None
    page: int = 1


class RouteDependantTest(unittest.TestCase):
    def setUp(self) -> None:
        self.dependant = route("/admin/items/{item_id}").dependant

    def test_the_endpoint_with_its_own_parameters_and_special_parameter_names(self) -> None:
        d = self.dependant
        self.assertIsInstance(d, Dependant)
        self.assertIs(d.call, create)
        self.assertIsNone(d.name)
        self.assertEqual(d.path, "/admin/items/{item_id}")
        self.assertIsNone(d.security_scopes)
        self.assertEqual([f.name for f in d.path_params], ["item_id"])
        self.assertEqual((d.path_params[0].type_, d.path_params[0].required), (int, True))
        self.assertEqual((d.request_param_name, d.response_param_name, d.background_tasks_param_name),
                         ("request", "response", "tasks"))
        self.assertIs(d, route("/admin/items/{item_id}").dependant)

    def test_route_level_dependencies_come_first_then_the_parameters_in_order(self) -> None:
        subs = self.dependant.dependencies
        self.assertEqual([(s.name, s.call) for s in subs],
                         [(None, require_admin), ("item", Item), ("page", paging), ("key", api_key)])
        self.assertEqual(subs[0].security_scopes, [])
        self.assertFalse(subs[2].use_cache)
        self.assertEqual(subs[2].computed_scope, "request")   # a yield dependency closes after the response
        self.assertIsNone(subs[0].computed_scope)

    def test_parameters_of_dependencies_with_their_request_names(self) -> None:
        item, page = self.dependant.dependencies[1], self.dependant.dependencies[2]
        self.assertEqual([f.name for f in item.body_params], ["name"])
        self.assertEqual([(f.name, f.required, f.default) for f in item.cookie_params], [("session", False, None)])
        self.assertEqual([(f.name, f.alias, f.default) for f in page.query_params], [("limit", "limit", 10)])
        self.assertEqual([(f.name, f.alias) for f in page.header_params], [("x_trace_id", "x-trace-id")])
        self.assertIs(item.body_params[0].get_default(), Undefined)

    def test_security_requirements_carry_the_scopes_asked_for_oauth2_only(self) -> None:
        admin = self.dependant.dependencies[0]
        user = admin.dependencies[0]
        self.assertEqual((user.call, user.security_scopes), (current_user, ["admin"]))
        self.assertEqual(user.security_scopes_param_name, "security_scopes")
        # newer FastAPI's split of the same scopes: its own, its parents', and both (oauth_scopes)
        self.assertEqual((user.own_oauth_scopes, user.parent_oauth_scopes, user.oauth_scopes), (["admin"], [], ["admin"]))
        self.assertEqual((admin.own_oauth_scopes, admin.oauth_scopes), ([], []))
        scheme = user.dependencies[0]
        self.assertEqual((scheme.own_oauth_scopes, scheme.parent_oauth_scopes, scheme.oauth_scopes), ([], ["admin"], ["admin"]))
        self.assertEqual(scheme.security_requirements, [SecurityRequirement(oauth2, ["admin"])])
        key = self.dependant.dependencies[3]
        self.assertEqual(key.security_requirements, [SecurityRequirement(api_key, [])])

    def test_walking_the_tree_finds_which_routes_need_the_admin(self) -> None:
        guarded = {r.path for r in app.routes if isinstance(r, APIRoute)
                   and any(d.call is require_admin for d in walk(r.dependant))}
        self.assertEqual(guarded, {"/admin/items/{item_id}"})

    def test_get_flat_dependant_collects_the_whole_tree(self) -> None:
        flat = get_flat_dependant(self.dependant)
        self.assertEqual([f.name for f in flat.query_params], ["limit"])
        self.assertEqual([f.alias for f in flat.header_params], ["x-trace-id"])   # an API key is no header parameter
        self.assertEqual([r.security_scheme for r in flat.security_requirements], [oauth2, api_key])
        self.assertEqual([f.name for f in flat.path_params], ["item_id"])

    def test_get_flat_params_lists_the_trees_request_parameters(self) -> None:
        self.assertEqual([f.alias for f in get_flat_params(self.dependant)], ["item_id", "limit", "x-trace-id", "session"])

    def test_get_flat_params_gives_a_parameter_models_fields(self) -> None:
        models = FastAPI()

        @models.get("/search")
        def search(filters: Annotated[Filters, Query()]):
            return filters

        [route] = [r for r in models.routes if isinstance(r, APIRoute)]
        self.assertEqual([(f.name, f.required) for f in get_flat_params(route.dependant)], [("q", False), ("page", False)])


if __name__ == "__main__":
    unittest.main()
