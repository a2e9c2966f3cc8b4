"""The `itstyr` command. `--version` is answered before typer is imported, so it stays instant."""

from __future__ import annotations

import os
import sys

from itstyr import __version__


def build_app():
    import typer

    from itstyr.cli import calendar_cmd, lint_cmd, portfolio_cmd, render_cmd, report_cmd, schema_cmd, score_cmd, validate_cmd

    app = typer.Typer(
        name="itstyr",
        help=(
            "Styrning av it och digitalisering som kod: validera, granska och publicera en kommuns styrning "
            "som YAML-filer i Git.\n\nExempel: itstyr validate governance-repo-template"
        ),
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback()
    def root(
        version: bool = typer.Option(False, "--version", help="Visa versionen och avsluta."),
        debug: bool = typer.Option(False, "--debug", help="Visa hela felspåret (traceback) vid interna fel."),
    ) -> None:
        if version:
            print(f"itstyr {__version__}")
            raise typer.Exit(0)
        if debug:
            os.environ["ITSTYR_DEBUG"] = "1"

    validate_cmd.register(app)
    lint_cmd.register(app)
    score_cmd.register(app)
    report_cmd.register(app)
    schema_cmd.register(app)
    from itstyr.cli import diff_cmd, init_cmd  # the Git features

    diff_cmd.register(app)
    init_cmd.register(app)
    calendar_cmd.register(app)
    portfolio_cmd.register(app)
    render_cmd.register(app)
    from itstyr.cli import build_cmd  # publishing: the handbook and the reports

    build_cmd.register(app)
    return app


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        print(f"itstyr {__version__}")
        return
    if "--debug" in args:  # accepted anywhere on the line, not only before the command
        os.environ["ITSTYR_DEBUG"] = "1"
        args = [arg for arg in args if arg != "--debug"]
    app = build_app()
    app(args=args, prog_name="itstyr")
