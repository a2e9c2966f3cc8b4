"""`itstyr diff`."""

from __future__ import annotations

from enum import Enum

import typer

from itstyr.cli.boundary import boundary
from itstyr.cli.options import AS_OF_OPTION, LANG_OPTION, OUTPUT_OPTION, Language

# `--changed-since` on validate and lint; declared here, with the other Git features.
CHANGED_SINCE_OPTION = typer.Option(
    None,
    "--changed-since",
    help="Visa bara fynd i filer som ändrats sedan REF (gren, tagg eller commit) och i poster som hänvisar till dem. "
    "Hela förrådet kontrolleras ändå. Kräver Git.",
    metavar="REF",
)


class DiffFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


FORMAT_OPTION = typer.Option(DiffFormat.text, "--format", "-f", help="text, markdown (en kommentar till en pull request) eller json.")


def register(app: typer.Typer) -> None:
    @app.command("diff")
    @boundary
    def diff(
        base: str = typer.Argument(..., help="Utgångsläget: en gren, tagg eller commit, till exempel main, origin/main eller HEAD~1."),
        head: str | None = typer.Argument(None, help="Det ändrade läget (standard: arbetskopian som den är nu)."),
        path: str = typer.Option(".", "--path", "-p", help="Mappen med styrningsförrådet (standard: den aktuella mappen)."),
        format: DiffFormat = FORMAT_OPTION,  # noqa: A002 - the option is called --format
        output: str | None = OUTPUT_OPTION,
        as_of: str | None = AS_OF_OPTION,
        framework: str | None = typer.Option(None, "--framework", help="Ramverket att poängsätta mot (standard: revision-2023, granskningen 2023)."),
        lang: Language | None = LANG_OPTION,
    ) -> None:
        """Visa vad en ändring gör med styrningen: poster som läggs till, tas bort och ändras (fält för
        fält, gammalt → nytt), fynd som tillkommer och åtgärdas, och poängen per rekommendation före och
        efter. Båda lägena läses direkt ur Git; arbetskopian lämnas orörd.

        Exempel:

            itstyr diff main

            itstyr diff origin/main HEAD --format markdown --output kommentar.md

            itstyr diff v2026.1 v2026.2 --path styrning --format json
        """
        import io
        import sys

        from itstyr.api import resolve_language
        from itstyr.diff.engine import diff as run_diff
        from itstyr.diff.output import DIFF_FORMATS

        result = run_diff(path, base, head, as_of, framework)
        language = resolve_language(lang.value if lang else None, result.head.settings)
        if output is None:
            DIFF_FORMATS[format.value](result, language, sys.stdout)
            return
        from itstyr.render.atomic import write_text_atomically

        buffer = io.StringIO()
        DIFF_FORMATS[format.value](result, language, buffer)
        write_text_atomically(output, buffer.getvalue())
