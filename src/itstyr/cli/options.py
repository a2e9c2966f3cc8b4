"""Options shared by several commands, declared once."""

from __future__ import annotations

from enum import Enum

import typer

from itstyr.report import REPORTERS


class Language(str, Enum):
    sv = "sv"
    en = "en"


OutputFormat = Enum("OutputFormat", {name: name for name in REPORTERS}, type=str)

class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    never = "never"


FAIL_ON_OPTION = typer.Option(
    "error", "--fail-on", help="Slutkod 1 när ett fynd på eller över den här nivån finns kvar: error (standard), warning eller never."
)
OUTPUT_OPTION = typer.Option(None, "--output", "-o", help="Skriv rapporten till en fil i stället för till skärmen.")
AS_OF_OPTION = typer.Option(None, "--as-of", help="Datum som bedömningen görs per (ÅÅÅÅ-MM-DD). Standard: as_of i itstyr.yaml, annars i dag.")

LANG_OPTION = typer.Option(None, "--lang", help="Språk för meddelanden: sv (standard) eller en. Går före itstyr.yaml.")
FORMAT_OPTION = typer.Option("text", "--format", "-f", help="Utdataformat: " + ", ".join(REPORTERS) + ".")
PATH_ARGUMENT = typer.Argument(".", help="Mappen med styrningsförrådet (standard: den aktuella mappen).")
