"""All SQL and every database connection of fieldkit live in this package."""

from fieldkit.store.workspace import Workspace

__all__ = ["Workspace"]
