__version__ = "0.1.0"
SCHEMA_VERSION = "3"
"""The version of the JSON documents ictcost writes (estimate, fee, software result, findings)."""
