"""`itstyr report gap` and `itstyr report response`: the documents the board sends and reads."""

from __future__ import annotations

from pathlib import Path

import typer

from itstyr.cli.boundary import boundary
from itstyr.cli.options import AS_OF_OPTION, LANG_OPTION, PATH_ARGUMENT, Language

OUT_OPTION = typer.Option(..., "--out", "-o", help="Filen som rapporten skrivs till (Markdown).")
FRAMEWORK_OPTION = typer.Option(None, "--framework", help="Ramverket (standard: revision-2023, granskningen 2023).")


def register(app: typer.Typer) -> None:
    report_app = typer.Typer(
        help="Skriv rapporter: gapanalysen mot revisionens rekommendationer och utkastet till yttrande.\n\n"
        "Exempel: itstyr report gap . --out gapanalys.md",
        no_args_is_help=True,
    )
    app.add_typer(report_app, name="report")

    def _write(kind: str, path: str, out: str, as_of: str | None, framework: str | None, lang: Language | None) -> None:
        from itstyr.api import resolve_language
        from itstyr.api import score as run_score
        from itstyr.render.atomic import write_text_atomically
        from itstyr.render.reports import gap_context, render_report, response_context

        result = run_score(path, as_of, framework)
        language = resolve_language(lang.value if lang else None, result.validation.settings)
        context = gap_context(result, language, Path(out)) if kind == "gap" else response_context(result, language)
        write_text_atomically(out, render_report(kind, context, language))

    @report_app.command("gap")
    @boundary
    def gap(
        path: str = PATH_ARGUMENT,
        out: str = OUT_OPTION,
        as_of: str | None = AS_OF_OPTION,
        framework: str | None = FRAMEWORK_OPTION,
        lang: Language | None = LANG_OPTION,
    ) -> None:
        """Gapanalysen: för varje rekommendation vad som finns på plats (med länkar till filerna), vad
        som saknas, vad som ska göras och vilka åtgärder som svarar mot den; revisionsfrågorna med
        itstyrs bedömning bredvid revisorernas; en bilaga med alla kriterier.

        Exempel:

            itstyr report gap governance-repo-template --out gapanalys.md --as-of 2026-11-30
        """
        _write("gap", path, out, as_of, framework, lang)

    @report_app.command("response")
    @boundary
    def response(
        path: str = PATH_ARGUMENT,
        out: str = OUT_OPTION,
        as_of: str | None = AS_OF_OPTION,
        framework: str | None = FRAMEWORK_OPTION,
        lang: Language | None = LANG_OPTION,
    ) -> None:
        """Utkast till styrelsens yttrande till revisorerna: för varje rekommendation om styrelsen delar
        bedömningen och vilka åtgärder den har beslutat, och ett avslutnings- och underskriftsblock.

        Exempel:

            itstyr report response governance-repo-template --out yttrande.md
        """
        _write("response", path, out, as_of, framework, lang)

    @report_app.command("follow-up")
    @boundary
    def follow_up(
        path: str = PATH_ARGUMENT,
        period: str = typer.Option(
            ..., "--period", help="Perioden: ett år (2026), halvår (2026-H1), tertial (2026-T2), kvartal (2026-Q3) eller månad (2026-09)."
        ),
        out: str = OUT_OPTION,
        as_of: str | None = AS_OF_OPTION,
        lang: Language | None = LANG_OPTION,
    ) -> None:
        """Uppföljningsrapporten till kommunstyrelsen för en period: mål och nyckeltal mot målvärden,
        portföljen, nyttor (realiserade mot planerade, i kronor där de är värderade), it-leveransen mot
        servicenivåer, kostnadsmodellens fördelning, internkontrollens resultat, åtgärderna efter
        granskningen och vad som är försenat. Saknade uppgifter anges som saknat underlag.

        Exempel:

            itstyr report follow-up governance-repo-template --period 2026-T2 --out uppfoljning.md --as-of 2026-11-30
        """
        from itstyr.api import resolve_language, validate
        from itstyr.dates import parse_as_of
        from itstyr.errors import UserError
        from itstyr.followup import build_context, parse_report_period, render_follow_up
        from itstyr.messages import Message
        from itstyr.render.atomic import write_text_atomically

        chosen = parse_report_period(period)
        validation = validate(path)
        if validation.config_broken:
            raise UserError(Message("usage.settings_broken"), Message("usage.settings_broken.hint"))
        language = resolve_language(lang.value if lang else None, validation.settings)
        try:
            evaluation_date = parse_as_of(as_of or validation.settings.as_of)
        except ValueError:
            raise UserError(Message("usage.as_of", value=str(as_of)), Message("usage.as_of.hint")) from None
        context = build_context(validation, chosen, evaluation_date, language)
        write_text_atomically(out, render_follow_up(context, language))
