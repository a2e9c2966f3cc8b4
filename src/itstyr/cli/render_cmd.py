"""`itstyr render handbook`: the governance handbook as Markdown pages in a folder."""

from __future__ import annotations

import sys

import typer

from itstyr.cli.boundary import boundary
from itstyr.cli.options import AS_OF_OPTION, LANG_OPTION, PATH_ARGUMENT, Language

HANDBOOK_OUT_OPTION = typer.Option(
    ..., "--out", "-o", help="Mappen som handboken skrivs till: ny, tom eller en tidigare handbok från itstyr."
)


def register(app: typer.Typer) -> None:
    render_app = typer.Typer(
        help="Skriv handboken om styrningen som Markdown-sidor.\n\nExempel: itstyr render handbook . --out ../handbok",
        no_args_is_help=True,
    )
    app.add_typer(render_app, name="render")

    @render_app.command("handbook")
    @boundary
    def handbook(
        path: str = PATH_ARGUMENT,
        out: str = HANDBOOK_OUT_OPTION,
        lang: Language | None = LANG_OPTION,
        as_of: str | None = AS_OF_OPTION,
        site: bool = typer.Option(False, "--site", help="Skriv en webbplats för MkDocs med Material: mkdocs.yml och sidorna i docs/."),
    ) -> None:
        """Skriv handboken: läget i korthet, styrdokument, organisation, roller och ansvar (RACI),
        system och tjänster, forum och styrmodell, mål, portfölj, kostnadsmodell, uppföljning,
        granskning, ordlista och register, med Mermaid-diagram och relativa länkar. Samma filer och
        datum ger samma sidor; itstyr ersätter bara en mapp som det själv har skrivit, och en mall i
        förrådets templates/handbook/ ersätter den inbyggda med samma namn.

        Exempel:

            itstyr render handbook governance-repo-template --out handbok --as-of 2026-11-30

            itstyr render handbook . --out ../handbook --lang en

            itstyr render handbook . --out ../webbplats --site && mkdocs build -f ../webbplats/mkdocs.yml
        """
        from itstyr.messages import Message, text
        from itstyr.render.handbook import render_handbook
        from itstyr.render.site import render_site  # the same pages as a MkDocs project

        result = (render_site if site else render_handbook)(path, out, lang.value if lang else None, as_of)
        language = result.language
        if result.omitted:
            sys.stderr.write(
                f"itstyr: {text('severity.warning', language)}: {Message('handbook.omitted_warning', n=result.omitted).render(language)}\n"
                f"    {text('report.hint', language)}: {Message('handbook.omitted_warning.hint').render(language)}\n"
            )
        done = {"out": str(out), "pages": len(result.pages), "date": result.as_of.isoformat()}
        written = Message("site.written", config=f"{out}/mkdocs.yml", **done) if site else Message("handbook.written", **done)
        sys.stdout.write(written.render(language) + "\n")
