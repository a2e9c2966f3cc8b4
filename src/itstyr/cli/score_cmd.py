"""`itstyr score`."""

from __future__ import annotations

import sys
from enum import Enum

import typer

from itstyr.cli.boundary import boundary
from itstyr.cli.options import AS_OF_OPTION, LANG_OPTION, PATH_ARGUMENT, Language


class ScoreFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


SCORE_FORMAT_OPTION = typer.Option(ScoreFormat.text, "--format", "-f", help="text, json eller markdown.")


def register(app: typer.Typer) -> None:
    @app.command("score")
    @boundary
    def score(
        path: str = PATH_ARGUMENT,
        as_of: str | None = AS_OF_OPTION,
        framework: str | None = typer.Option(None, "--framework", help="Ramverket att bedöma mot (standard: revision-2023, granskningen 2023)."),
        format: ScoreFormat = SCORE_FORMAT_OPTION,  # noqa: A002 - the option is called --format
        fail_under: float | None = typer.Option(None, "--fail-under", help="Slutkod 1 om den samlade poängen är under N (0–100)."),
        explain: str | None = typer.Option(None, "--explain", help="Visa varje kriterium för en rekommendation eller fråga (R3, Q4b) eller alla (all)."),
        lang: Language | None = LANG_OPTION,
    ) -> None:
        """Bedöm styrningen mot granskningens rekommendationer (R1–R7) och revisionsfrågor (Q1–Q6):
        poäng per rekommendation, svar per fråga och en samlad bedömning, med underlaget bakom.

        Exempel:

            itstyr score governance-repo-template --as-of 2026-11-30

            itstyr score examples/helsingborg-2023 --explain R4 --lang en

            itstyr score . --format json --fail-under 80
        """
        from itstyr import exitcodes
        from itstyr.api import resolve_language
        from itstyr.api import score as run_score
        from itstyr.errors import UserError
        from itstyr.messages import Message
        from itstyr.scoring.output import SCORE_FORMATS

        result = run_score(path, as_of, framework)
        language = resolve_language(lang.value if lang else None, result.validation.settings)
        known = {r.id for r in result.recommendations} | {q.id for q in result.questions} | {"all"}
        if explain is not None and explain not in known:
            raise UserError(Message("usage.explain_unknown", id=explain))
        SCORE_FORMATS[format.value](result, language, sys.stdout, explain)
        if fail_under is not None and (result.score is None or result.score < fail_under):
            sys.stderr.write(Message("score.fail_under", score=result.score, limit=fail_under).render(language) + "\n")
            raise typer.Exit(exitcodes.FINDINGS)
