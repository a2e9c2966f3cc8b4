"""`itstyr validate`."""

from __future__ import annotations

import typer

from itstyr.cli.boundary import boundary
from itstyr.cli.diff_cmd import CHANGED_SINCE_OPTION
from itstyr.cli.options import (
    FAIL_ON_OPTION,
    FORMAT_OPTION,
    LANG_OPTION,
    OUTPUT_OPTION,
    PATH_ARGUMENT,
    FailOn,
    Language,
    OutputFormat,
)


def register(app: typer.Typer) -> None:
    @app.command("validate")
    @boundary
    def validate(
        path: str = PATH_ARGUMENT,
        format: OutputFormat = FORMAT_OPTION,  # noqa: A002 - the option is called --format
        output: str | None = OUTPUT_OPTION,
        fail_on: FailOn = FAIL_ON_OPTION,
        lang: Language | None = LANG_OPTION,
        changed_since: str | None = CHANGED_SINCE_OPTION,
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
        from itstyr.cli.output import emit, exit_code

        result = run_validate(path)
        language = resolve_language(lang.value if lang else None, result.settings)
        report = result.report()
        if changed_since is not None:
            from itstyr.git.changes import report_changed_since

            report = report_changed_since(report, result, changed_since)
        emit(report, format.value, language, output)
        raise typer.Exit(exit_code(report, fail_on.value, result.config_broken))
