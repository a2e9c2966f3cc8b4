"""`itstyr init`."""

from __future__ import annotations

import typer

from itstyr.cli.boundary import boundary
from itstyr.cli.options import LANG_OPTION, Language


def register(app: typer.Typer) -> None:
    @app.command("init")
    @boundary
    def init(
        directory: str = typer.Argument(..., help="Mappen som förrådet skapas i: ny eller tom."),
        no_git: bool = typer.Option(False, "--no-git", help="Skapa bara filerna: ingen git init och ingen första commit."),
        lang: Language | None = LANG_OPTION,
    ) -> None:
        """Skapa ett nytt styrningsförråd från itstyrs mall (den fiktiva staden Hamnköping): alla mappar
        och exempelposter, itstyr.yaml och CI-exempel för GitHub och GitLab. Förrådet får en första
        commit (utom med --no-git), och kommandot skriver ut nästa steg. En mapp som inte är tom
        lämnas orörd.

        Exempel:

            itstyr init styrning

            itstyr init styrning --no-git --lang en
        """
        import sys

        from itstyr.git.init import init_repository
        from itstyr.messages import Message, text

        language = lang.value if lang else "sv"
        result = init_repository(directory, git=not no_git, language=language)
        made = text("init.created_git", language, commit=result.commit[:10]) if result.commit else ""
        lines = [Message("init.created", path=str(result.path), files=result.files, git=made).render(language), ""]
        lines.append(text("init.next_steps", language))
        steps = [text("init.step.cd", language, path=str(result.path)), Message("init.step.replace").render(language)]
        steps.append(Message("init.step.check").render(language))
        if result.commit is None:
            steps.append(Message("init.step.git").render(language))
        steps.append(Message("init.step.push").render(language))
        lines += [f"  {number}. {step}" for number, step in enumerate(steps, 1)]
        sys.stdout.write("\n".join(lines) + "\n")
