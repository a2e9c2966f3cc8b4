"""`itstyr schema list|show|export`: the bundled schemas, for people and for editors."""

from __future__ import annotations

import sys

import typer

from itstyr.cli.boundary import boundary
from itstyr.cli.options import LANG_OPTION, Language


def register(app: typer.Typer) -> None:
    schema_app = typer.Typer(
        help="Visa och exportera JSON-scheman för posttyperna.\n\nExempel: itstyr schema show steering_document",
        no_args_is_help=True,
    )
    app.add_typer(schema_app, name="schema")

    @schema_app.command("list")
    @boundary
    def list_kinds(lang: Language | None = LANG_OPTION) -> None:
        """Lista alla posttyper med namn och schemafil.

        Exempel:

            itstyr schema list --lang en
        """
        from itstyr.api import schema_catalogue

        language = lang.value if lang else "sv"
        rows = schema_catalogue()
        width = max(len(row.kind) for row in rows)
        for row in rows:
            title = row.title_en if language == "en" else row.title
            sys.stdout.write(f"{row.kind.ljust(width)}  {title}  ({row.file_name})\n")

    @schema_app.command("show")
    @boundary
    def show(kind: str = typer.Argument(..., help="Posttypen, till exempel steering_document.")) -> None:
        """Skriv ut schemat för en posttyp (JSON).

        Exempel:

            itstyr schema show forum
        """
        from itstyr.api import schema_text

        sys.stdout.write(schema_text(kind))

    @schema_app.command("export")
    @boundary
    def export(
        directory: str = typer.Argument(..., help="Mappen som schemana skrivs till (ny, tom eller en tidigare export)."),
    ) -> None:
        """Skriv alla scheman till en mapp, till exempel för redigerarens YAML-stöd.

        Exempel:

            itstyr schema export .itstyr/schemas
        """
        from itstyr.api import export_schemas

        written = export_schemas(directory)
        sys.stdout.write(f"{len(written)} → {directory}\n")
