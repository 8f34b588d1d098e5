"""What a path operation's handler needs, worked out once at registration: its parameters
(``signature``), the pure-Python binding used on the slow path (``binder``) and the rendering of its
return value through a response model (``rendering``)."""
