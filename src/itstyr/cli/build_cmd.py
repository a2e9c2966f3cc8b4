"""`itstyr build`: validate, lint, score and publish the handbook and the reports into one folder."""

from __future__ import annotations

import sys
import time

import typer

from itstyr.cli.boundary import boundary
from itstyr.cli.options import AS_OF_OPTION, FAIL_ON_OPTION, LANG_OPTION, PATH_ARGUMENT, FailOn, Language

BUILD_OUT_OPTION = typer.Option(
    ..., "--out", "-o", help="Mappen som allt publiceras i: ny, tom eller en mapp som itstyr skrivit tidigare."
)
SITE_OPTION = typer.Option(
    False,
    "--site",
    help="Skriv handboken som webbplats för MkDocs med Material: handbok/mkdocs.yml och sidorna i handbok/docs/.",
)
PERIOD_OPTION = typer.Option(
    None,
    "--period",
    help="Perioden för uppföljningsrapporten (2026-T2, 2026-Q3, 2026 ...). Standard: uppföljningsplanens period som datumet ligger i.",
)


class Progress:
    """The steps as they run, on a terminal only (stderr): a spinner on the running step and a line
    with the time each finished step took. Elsewhere (CI logs, pipes) nothing, so the output the
    command prints stays the same from run to run."""

    def __init__(self, language: str):
        from rich.console import Console

        self.language = language
        self.console = Console(stderr=True, highlight=False)
        self.enabled = self.console.is_terminal
        self.status = None
        self.step: str | None = None
        self.started = 0.0

    def __call__(self, step: str) -> None:
        if not self.enabled:
            return
        from itstyr.messages import text

        self._finish()
        self.step, self.started = step, time.perf_counter()
        label = text(f"build.step.{step}", self.language)
        if self.status is None:
            self.status = self.console.status(label)
            self.status.start()
        else:
            self.status.update(label)

    def _finish(self) -> None:
        from rich.markup import escape

        from itstyr.messages import text

        if self.step is not None:
            seconds = f"{time.perf_counter() - self.started:.1f}"
            line = text("build.step.done", self.language, step=text(f"build.step.{self.step}", self.language), seconds=seconds)
            self.console.print(f"[green]✓[/] {escape(line)}")
            self.step = None

    def close(self, finished: bool) -> None:
        if finished:
            self._finish()
        if self.status is not None:
            self.status.stop()
            self.status = None


def register(app: typer.Typer) -> None:
    @app.command("build")
    @boundary
    def build(
        path: str = PATH_ARGUMENT,
        out: str = BUILD_OUT_OPTION,
        as_of: str | None = AS_OF_OPTION,
        lang: Language | None = LANG_OPTION,
        site: bool = SITE_OPTION,
        period: str | None = PERIOD_OPTION,
        fail_on: FailOn = FAIL_ON_OPTION,
    ) -> None:
        """Publicera: validera, granska och poängsätt förrådet och skriv handboken och rapporterna
        (gapanalysen, utkastet till yttrande och uppföljningsrapporten för innevarande period) i en
        mapp: handbok/ och rapporter/. Granskningens fynd visas som av itstyr lint, och slutkoden är
        densamma: 0 utan fel, 1 med fel (se --fail-on), 2 vid felaktig användning. Mappen skrivs i
        ett steg, och itstyr ersätter bara en mapp som itstyr själv har skrivit.

        Exempel:

            itstyr build governance-repo-template --out publicerat --as-of 2026-11-30

            itstyr build . --out ../publicerat --site && mkdocs build -f ../publicerat/handbok/mkdocs.yml
        """
        from itstyr.cli.boundary import error_language
        from itstyr.cli.output import emit, exit_code
        from itstyr.messages import Message, text
        from itstyr.render.site.publish import publish
        from itstyr.render.site.summary import summary

        progress = Progress(lang.value if lang else error_language())
        finished = False
        try:
            result = publish(
                path, out, language=lang.value if lang else None, as_of=as_of, site=site, period=period, progress=progress
            )
            finished = True
        finally:
            progress.close(finished)
        language = result.language
        report = result.lint.report()
        emit(report, "text", language, None)
        if result.omitted:
            sys.stderr.write(
                f"itstyr: {text('severity.warning', language)}: {Message('build.summary.omitted', n=result.omitted).render(language)}\n"
            )
        sys.stdout.write(summary(result, language))
        raise typer.Exit(exit_code(report, fail_on.value, result.lint.validation.config_broken))
