"""The loaded governance model: documents with their origin, and a workspace that indexes them."""

from itstyr.model.document import Document
from itstyr.model.workspace import Workspace

__all__ = ["Document", "Workspace"]
