"""itstyr: governance of a city's IT and digitalisation as code.

Kept import-free so that `itstyr --version` answers without loading the heavy libraries.
"""

__version__ = "0.1.0"
