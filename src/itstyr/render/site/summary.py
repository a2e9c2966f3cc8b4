"""The words `itstyr build` ends with: what was published where, and the overall verdict. Plain
text, the same for the same result (no timings), so a CI log can be compared between runs."""

from __future__ import annotations

from pathlib import Path

from itstyr.messages import Message, Text
from itstyr.render.site.publish import HANDBOOK, PublishResult


def summary(result: PublishResult, language: str) -> str:
    from itstyr.followup import parse_report_period
    from itstyr.scoring.output import assessment_label, shown

    out = result.out
    config = (out / HANDBOOK / "mkdocs.yml").as_posix()
    handbook = (
        Message("build.summary.site", pages=len(result.pages), config=config)
        if result.site
        else Message("build.summary.handbook", pages=len(result.pages))
    )
    rows = [(f"{(out / HANDBOOK).as_posix()}/", handbook)]
    period = parse_report_period(result.period).label()
    described = {
        "gap": Message("build.summary.gap"),
        "response": Message("build.summary.response"),
        "follow_up": Message("build.summary.follow_up", period=period),
    }
    rows += [((out / Path(path)).as_posix(), described[kind]) for kind, path in result.reports.items()]
    width = max(len(where) for where, _what in rows)
    lines = [Message("build.summary.title", out=out.as_posix(), date=result.as_of.isoformat()).render(language)]
    lines += [f"  {where.ljust(width)}  {what.render(language, nested=True)}" for where, what in rows]
    score = result.score
    if score is not None:
        verdict = Text(assessment_label(score.label, "sv"), assessment_label(score.label, "en"))
        lines.append(Message("score.overall", label=verdict, score=shown(score.score)).render(language))
    return "\n".join(lines) + "\n"
