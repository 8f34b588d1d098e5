"""The documentation pages: Swagger UI, its OAuth2 redirect page, and ReDoc.

Their JavaScript and CSS come from the npm packages ``swagger-ui-dist`` and ``redoc``, installed at
build time (scripts/setup.sh) and served by the app itself, so the docs work offline."""
from __future__ import annotations

import json
import textwrap
from typing import Any

from ..encoders import jsonable_encoder
from ..responses import HTMLResponse

ASSETS = "/_tachyon/docs"
swagger_ui_default_parameters: dict[str, Any] = {
    "dom_id": "#swagger-ui",
    "layout": "BaseLayout",
    "deepLinking": True,
    "showExtensions": True,
    "showCommonExtensions": True,
}


def _html_safe_json(value: Any) -> str:
    """JSON for a <script> block, as FastAPI writes it: ``<``, ``>`` and ``&`` escaped, so a value cannot close
    the script (a ``</script>`` in an OAuth client id or a Swagger UI parameter)."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def get_swagger_ui_html(*, openapi_url: str, title: str, swagger_js_url: str = f"{ASSETS}/swagger-ui-bundle.js",
                        swagger_css_url: str = f"{ASSETS}/swagger-ui.css",
                        swagger_favicon_url: str = f"{ASSETS}/favicon-32x32.png",
                        oauth2_redirect_url: str | None = None, init_oauth: dict[str, Any] | None = None,
                        swagger_ui_parameters: dict[str, Any] | None = None) -> HTMLResponse:
    """FastAPI's page, byte for byte (its indentation included: tests compare pieces of it), with the assets
    served by the app unless other URLs are given."""
    parameters = {**swagger_ui_default_parameters, **(swagger_ui_parameters or {})}
    settings = "".join(f"{_html_safe_json(k)}: {_html_safe_json(jsonable_encoder(v))},\n" for k, v in parameters.items())
    redirect = f"oauth2RedirectUrl: window.location.origin + '{oauth2_redirect_url}'," if oauth2_redirect_url else ""
    oauth = f"\n        ui.initOAuth({_html_safe_json(jsonable_encoder(init_oauth))})\n        " if init_oauth else ""
    html = f"""
    <!DOCTYPE html>
    <html>
    <head>
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <link type="text/css" rel="stylesheet" href="{swagger_css_url}">
    <link rel="shortcut icon" href="{swagger_favicon_url}">
    <title>{title}</title>
    </head>
    <body>
    <div id="swagger-ui">
    </div>
    <script src="{swagger_js_url}"></script>
    <!-- `SwaggerUIBundle` is now available on the page -->
    <script>
    const ui = SwaggerUIBundle({{
        url: '{openapi_url}',
    {settings}{redirect}
    presets: [
        SwaggerUIBundle.presets.apis,
        SwaggerUIBundle.SwaggerUIStandalonePreset
        ],
    }}){oauth}
    </script>
    </body>
    </html>
    """
    return HTMLResponse(html)


def get_redoc_html(*, openapi_url: str, title: str, redoc_js_url: str = f"{ASSETS}/redoc.standalone.js",
                   redoc_favicon_url: str = f"{ASSETS}/favicon-32x32.png", with_google_fonts: bool = True) -> HTMLResponse:
    """FastAPI's page, byte for byte; Google's fonts by default, as FastAPI (the app's own /redoc leaves them
    out, so that it works offline)."""
    fonts = ("""
    <link href="https://fonts.googleapis.com/css?family=Montserrat:300,400,700|Roboto:300,400,700" rel="stylesheet">
    """ if with_google_fonts else "")
    html = f"""
    <!DOCTYPE html>
    <html>
    <head>
    <title>{title}</title>
    <!-- needed for adaptive design -->
    <meta charset="utf-8"/>
    <meta name="viewport" content="width=device-width, initial-scale=1">
    {fonts}
    <link rel="shortcut icon" href="{redoc_favicon_url}">
    <!--
    ReDoc doesn't change outer page styles
    -->
    <style>
      body {{
        margin: 0;
        padding: 0;
      }}
    </style>
    </head>
    <body>
    <noscript>
        ReDoc requires Javascript to function. Please enable it to browse the documentation.
    </noscript>
    <redoc spec-url="{openapi_url}"></redoc>
    <script src="{redoc_js_url}"> </script>
    </body>
    </html>
    """
    return HTMLResponse(html)


def get_swagger_ui_oauth2_redirect_html() -> HTMLResponse:
    """The page Swagger UI's OAuth2 flows return to: hands the result back to the opener window (FastAPI's
    bytes: the page indented by four spaces)."""
    return HTMLResponse("\n" + textwrap.indent(_OAUTH2_REDIRECT_PAGE, "    ") + "        ")


_OAUTH2_REDIRECT_PAGE = """<!doctype html>
<html lang="en-US">
<head>
    <title>Swagger UI: OAuth2 Redirect</title>
</head>
<body>
<script>
    'use strict';
    function run () {
        var oauth2 = window.opener.swaggerUIRedirectOauth2;
        var sentState = oauth2.state;
        var redirectUrl = oauth2.redirectUrl;
        var isValid, qp, arr;

        if (/code|token|error/.test(window.location.hash)) {
            qp = window.location.hash.substring(1).replace('?', '&');
        } else {
            qp = location.search.substring(1);
        }

        arr = qp.split("&");
        arr.forEach(function (v,i,_arr) { _arr[i] = '"' + v.replace('=', '":"') + '"';});
        qp = qp ? JSON.parse('{' + arr.join() + '}',
                function (key, value) {
                    return key === "" ? value : decodeURIComponent(value);
                }
        ) : {};

        isValid = qp.state === sentState;

        if ((
          oauth2.auth.schema.get("flow") === "accessCode" ||
          oauth2.auth.schema.get("flow") === "authorizationCode" ||
          oauth2.auth.schema.get("flow") === "authorization_code"
        ) && !oauth2.auth.code) {
            if (!isValid) {
                oauth2.errCb({
                    authId: oauth2.auth.name,
                    source: "auth",
                    level: "warning",
                    message: "Authorization may be unsafe, passed state was changed in server. The passed state wasn't returned from auth server."
                });
            }

            if (qp.code) {
                delete oauth2.state;
                oauth2.auth.code = qp.code;
                oauth2.callback({auth: oauth2.auth, redirectUrl: redirectUrl});
            } else {
                let oauthErrorMsg;
                if (qp.error) {
                    oauthErrorMsg = "["+qp.error+"]: " +
                        (qp.error_description ? qp.error_description+ ". " : "no accessCode received from the server. ") +
                        (qp.error_uri ? "More info: "+qp.error_uri : "");
                }

                oauth2.errCb({
                    authId: oauth2.auth.name,
                    source: "auth",
                    level: "error",
                    message: oauthErrorMsg || "[Authorization failed]: no accessCode received from the server."
                });
            }
        } else {
            oauth2.callback({auth: oauth2.auth, token: qp, isValid: isValid, redirectUrl: redirectUrl});
        }
        window.close();
    }

    if (document.readyState !== 'loading') {
        run();
    } else {
        document.addEventListener('DOMContentLoaded', function () {
            run();
        });
    }
</script>
</body>
</html>
"""
