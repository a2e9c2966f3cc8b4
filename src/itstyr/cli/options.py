"""Options shared by several commands, declared once."""

from __future__ import annotations

from enum import Enum

import typer

from itstyr.report import REPORTERS


class Language(str, Enum):
    sv = "sv"
    en = "en"


OutputFormat = Enum("OutputFormat", {name: name for name in REPORTERS}, type=str)

LANG_OPTION = typer.Option(None, "--lang", help="Språk för meddelanden: sv (standard) eller en. Går före itstyr.yaml.")
FORMAT_OPTION = typer.Option("text", "--format", "-f", help="Utdataformat: " + ", ".join(REPORTERS) + ".")
PATH_ARGUMENT = typer.Argument(".", help="Mappen med styrningsförrådet (standard: den aktuella mappen).")
