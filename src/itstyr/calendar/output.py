"""The calendar for people: plain text for the terminal, Markdown (from a bundled template) for a page
or a pull request. Both are built from one context, so they always show the same items."""

from __future__ import annotations

from typing import Any, TextIO

from itstyr.calendar.result import CalendarResult, Due
from itstyr.messages import Message, text


def heading(result: CalendarResult, language: str) -> str:
    organisation = result.organisation
    named = Message("calendar.heading.organisation", name=organisation.name or organisation.id) if organisation else ""
    return Message(
        "calendar.heading", organisation=named, as_of=result.as_of.isoformat(), until=result.until.isoformat()
    ).render(language)


def _item(item: Due, language: str) -> dict[str, Any]:
    return {
        "date": item.day.isoformat(),
        "category": item.category,
        "category_label": text(f"calendar.category.{item.category}", language),
        "title": item.title.render(language),
        "detail": item.detail.render(language, nested=True) if item.detail else "",
        "id": item.document.id,
        "path": item.document.path,
        "line": item.document.line,
    }


def calendar_context(result: CalendarResult, language: str) -> dict[str, Any]:
    return {
        "heading": heading(result, language),
        "as_of": result.as_of.isoformat(),
        "until": result.until.isoformat(),
        "overdue": [_item(item, language) for item in result.overdue],
        "upcoming": [_item(item, language) for item in result.upcoming],
        "missing": [
            {
                "text": gap.message.render(language),
                "path": gap.document.path if gap.document else None,
                "line": gap.document.line if gap.document else None,
            }
            for gap in result.missing
        ],
    }


def write_text(result: CalendarResult, language: str, stream: TextIO) -> None:
    context = calendar_context(result, language)
    width = max((len(item["category_label"]) for item in context["overdue"] + context["upcoming"]), default=0)
    lines = [context["heading"], ""]
    sections = (("overdue", "calendar.none_overdue"), ("upcoming", "calendar.none_upcoming"))
    for key, empty in sections:
        items = context[key]
        lines.append(f"{text(f'calendar.{key}', language)} ({len(items)})")
        for item in items:
            detail = f" – {item['detail']}" if item["detail"] else ""
            lines.append(f"  {item['date']}  {item['category_label'].ljust(width)}  {item['title']}{detail}")
        if not items:
            lines.append(f"  {text(empty, language)}")
        lines.append("")
    lines.append(f"{text('calendar.missing', language)} ({len(context['missing'])})")
    for gap in context["missing"]:
        lines.append(f"  {gap['text']}")
    if not context["missing"]:
        lines.append(f"  {text('calendar.none_missing', language)}")
    stream.write("\n".join(lines) + "\n")


def write_markdown(result: CalendarResult, language: str, stream: TextIO) -> None:
    from itstyr.render.environment import environment

    template = environment(language).get_template("calendar/calendar.md.j2")
    stream.write(template.render(**calendar_context(result, language)))


CALENDAR_FORMATS = {"text": write_text, "markdown": write_markdown}
