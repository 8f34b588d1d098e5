"""The boundary between Python and the C# engine: loading it, calling it, and the Python side of its lanes.

Nothing outside this package talks to the engine directly; the API layer only hands it compiled plans.
"""
