"""`itstyr portfolio`: the initiatives ranked by the decided prioritisation model, demand against
capacity, and what the ranking could not use."""

from __future__ import annotations

import sys
from enum import Enum

import typer

from itstyr.cli.boundary import boundary
from itstyr.cli.options import AS_OF_OPTION, LANG_OPTION, PATH_ARGUMENT, Language


class PortfolioFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


FORMAT_OPTION = typer.Option(PortfolioFormat.text, "--format", "-f", help="text, markdown eller json.")


def register(app: typer.Typer) -> None:
    @app.command("portfolio")
    @boundary
    def portfolio(
        path: str = PATH_ARGUMENT,
        as_of: str | None = AS_OF_OPTION,
        format: PortfolioFormat = FORMAT_OPTION,  # noqa: A002 - the option is called --format
        lang: Language | None = LANG_OPTION,
    ) -> None:
        """Portföljen: initiativen rangordnade efter de beslutade prioriteringsgrunderna (ska-krav
        först, sedan viktad poäng), efterfrågan mot kapacitet per team och period med de initiativ
        som inte ryms, det som rangordningen inte kunde använda, och initiativ från olika
        förvaltningar som berör samma system utan att vara samordnade.

        Exempel:

            itstyr portfolio governance-repo-template --as-of 2026-11-30

            itstyr portfolio . --format json

            itstyr portfolio . --format markdown --lang en > portfolj.md
        """
        from itstyr.api import resolve_language
        from itstyr.portfolio import analyse_portfolio
        from itstyr.portfolio.output import PORTFOLIO_FORMATS

        result = analyse_portfolio(path, as_of)
        language = resolve_language(lang.value if lang else None, result.settings)
        PORTFOLIO_FORMATS[format.value](result, language, sys.stdout)
