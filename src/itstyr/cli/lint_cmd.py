"""`itstyr lint` and `itstyr rules`."""

from __future__ import annotations

import sys

import typer

from itstyr.cli.boundary import boundary
from itstyr.cli.diff_cmd import CHANGED_SINCE_OPTION
from itstyr.cli.options import (
    AS_OF_OPTION,
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
    @app.command("lint")
    @boundary
    def lint(
        path: str = PATH_ARGUMENT,
        format: OutputFormat = FORMAT_OPTION,  # noqa: A002 - the option is called --format
        output: str | None = OUTPUT_OPTION,
        fail_on: FailOn = FAIL_ON_OPTION,
        as_of: str | None = AS_OF_OPTION,
        lang: Language | None = LANG_OPTION,
        changed_since: str | None = CHANGED_SINCE_OPTION,
    ) -> None:
        """Granska styrningen: allt som validate kontrollerar, och sedan reglerna för de brister som
        revisionen fann (inaktuella styrdokument, otydligt ansvar, forum utan mandat, uteblivna
        uppföljningar ...). itstyr rules listar reglerna.

        Exempel:

            itstyr lint governance-repo-template --as-of 2026-11-30

            itstyr lint . --format sarif --output itstyr.sarif --fail-on warning
        """
        from itstyr.api import lint as run_lint
        from itstyr.api import resolve_language
        from itstyr.cli.output import emit, exit_code

        result = run_lint(path, as_of)
        language = resolve_language(lang.value if lang else None, result.validation.settings)
        report = result.report()
        if changed_since is not None:
            from itstyr.git.changes import report_changed_since

            report = report_changed_since(report, result.validation, changed_since)
        emit(report, format.value, language, output)
        raise typer.Exit(exit_code(report, fail_on.value, result.validation.config_broken))

    rules_app = typer.Typer(
        help="Visa granskningsreglerna och deras dokumentation.\n\nExempel: itstyr rules explain steering-review-overdue",
        invoke_without_command=True,
    )
    app.add_typer(rules_app, name="rules")

    @rules_app.callback()
    @boundary
    def rules(ctx: typer.Context, lang: Language | None = LANG_OPTION) -> None:
        """Lista alla regler: id, standardnivå och vad regeln hittar.

        Exempel:

            itstyr rules

            itstyr rules explain forum-record-missing
        """
        if ctx.invoked_subcommand is not None:
            return
        from itstyr.lint.registry import registry
        from itstyr.messages import text

        language = lang.value if lang else "sv"
        rules = registry()
        width = max(map(len, rules))
        for rule_id, spec in rules.items():
            severity = text(f"severity.{spec.default_severity.value}", language)
            sys.stdout.write(f"{rule_id.ljust(width)}  {severity:<8}  {spec.title.render(language)}\n")

    @rules_app.command("explain")
    @boundary
    def explain(
        rule_id: str = typer.Argument(..., help="Regelns id, till exempel steering-review-overdue."),
        lang: Language | None = LANG_OPTION,
    ) -> None:
        """Visa en regels dokumentation: varför den finns, alternativ och exempel.

        Exempel:

            itstyr rules explain raci-accountable --lang en
        """
        from itstyr.lint.explain import explain_rule

        sys.stdout.write(explain_rule(rule_id, lang.value if lang else "sv"))
