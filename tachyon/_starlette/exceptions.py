"""``starlette.exceptions``: Starlette's HTTPException (the base of FastAPI's), as Tachyon defines it."""
from ..exceptions import StarletteHTTPException as HTTPException
from ..exceptions import StarletteDeprecationWarning
from ..exceptions import StarletteWebSocketException as WebSocketException

__all__ = ["HTTPException", "StarletteDeprecationWarning", "WebSocketException"]
