"""`itstyr validate`."""

from __future__ import annotations

import sys

import typer

from itstyr import exitcodes
from itstyr.cli.boundary import boundary
from itstyr.cli.options import FORMAT_OPTION, LANG_OPTION, PATH_ARGUMENT, Language, OutputFormat


def register(app: typer.Typer) -> None:
    @app.command("validate")
    @boundary
    def validate(
        path: str = PATH_ARGUMENT,
        format: OutputFormat = FORMAT_OPTION,  # noqa: A002 - the option is called --format
        lang: Language | None = LANG_OPTION,
    ) -> None:
        """Kontrollera förrådet: YAML, scheman, unika id:n, referenser och inställningar.

        Alla problem rapporteras, inte bara det första. Slutkod 0: inga fel; 1: fel hittades;
        2: felaktig användning, trasiga inställningar eller oläsbar indata.

        Exempel:

            itstyr validate governance-repo-template

            itstyr validate . --format json --lang en
        """
        from itstyr.api import resolve_language
        from itstyr.api import validate as run_validate
        from itstyr.report import REPORTERS

        result = run_validate(path)
        language = resolve_language(lang.value if lang else None, result.settings)
        REPORTERS[format.value](result.report(), language, sys.stdout)
        if result.config_broken:
            raise typer.Exit(exitcodes.USAGE)
        raise typer.Exit(exitcodes.FINDINGS if result.errors else exitcodes.OK)
