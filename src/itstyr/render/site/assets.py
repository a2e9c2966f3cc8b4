"""The files the site serves itself instead of fetching them from the internet: Mermaid and its
licence (see `data/site/README.md` for where they come from). Read as bytes and decoded, so the
copy is byte for byte the bundled file."""

from __future__ import annotations

from functools import cache

FOLDER = "assets/itstyr"  # under the site's docs/, clear of Material's own assets/javascripts
MERMAID = f"{FOLDER}/mermaid.min.js"
BUNDLED = {"mermaid.min.js": MERMAID, "LICENSE-mermaid.txt": f"{FOLDER}/LICENSE-mermaid.txt"}


@cache
def assets() -> dict[str, str]:
    """`{path under docs/: content}` for every bundled asset."""
    from itstyr.resources import package_root

    folder = package_root().joinpath("data", "site")
    return {target: folder.joinpath(name).read_bytes().decode("utf-8") for name, target in BUNDLED.items()}
