"""Frameworks are data: the bundled ones in data/frameworks/<id>/ (framework.yaml plus criteria-*.yaml),
or a repository's own files named in itstyr.yaml. Loaded, validated against framework.schema.json, and
checked for consistency (every criterion's recommendation, check and question exist)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itstyr.errors import UserError
from itstyr.messages import Message, Text

BUNDLED_DEFAULT = "revision-2023"


@dataclass(frozen=True, slots=True)
class Framework:
    id: str
    data: dict[str, Any]

    @property
    def title(self) -> Text:
        return Text(self.data["title"]["sv"], self.data["title"]["en"])

    @property
    def recommendations(self) -> list[dict]:
        return self.data["recommendations"]

    @property
    def questions(self) -> list[dict]:
        return self.data["questions"]

    @property
    def criteria(self) -> list[dict]:
        return self.data["criteria"]

    @property
    def bands(self) -> list[dict]:
        return sorted(self.data["bands"], key=lambda band: -band["min"])


def _read_yaml(text: str, origin: str) -> Any:
    from itstyr.yamlsafe import parse_text

    parsed = parse_text(text)
    if parsed.problems or len(parsed.documents) != 1:
        problem = parsed.problems[0] if parsed.problems else None
        detail = problem.message.render() if problem else "ett dokument väntades"
        raise UserError(Message("framework.unreadable", path=origin, detail=detail))
    return parsed.documents[0].data


def bundled_ids() -> list[str]:
    from itstyr.resources import package_root

    folder = package_root().joinpath("data", "frameworks")
    return sorted(entry.name for entry in folder.iterdir() if entry.is_dir() and entry.joinpath("framework.yaml").is_file())


def _bundled(framework_id: str) -> dict[str, Any]:
    from itstyr.resources import package_root

    folder = package_root().joinpath("data", "frameworks", framework_id)
    data = _read_yaml(folder.joinpath("framework.yaml").read_text(encoding="utf-8"), f"{framework_id}/framework.yaml")
    data.setdefault("criteria", [])
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.startswith("criteria-") and entry.name.endswith(".yaml"):
            data["criteria"].extend(_read_yaml(entry.read_text(encoding="utf-8"), f"{framework_id}/{entry.name}"))
    return data


def _from_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise UserError(Message("framework.unreadable", path=str(path), detail=error.strerror or str(error))) from None
    return _read_yaml(text, str(path))


def load_framework(requested: str | None, root: Path, repository_files: list[str]) -> Framework:
    """The framework by id: a repository's own (from the files itstyr.yaml names) before the bundled ones."""
    candidates: dict[str, dict] = {}
    for relative in repository_files:
        data = _from_file(root / relative)
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            candidates[data["id"]] = data
    framework_id = requested or BUNDLED_DEFAULT
    if framework_id in candidates:
        data = candidates[framework_id]
    elif framework_id in bundled_ids():
        data = _bundled(framework_id)
    else:
        from itstyr.suggest import did_you_mean

        known = sorted(set(candidates) | set(bundled_ids()))
        suggestion = did_you_mean(framework_id, known)
        raise UserError(
            Message("framework.unknown", id=framework_id, known=known),
            Message("hint.did_you_mean", value=suggestion) if suggestion else None,
        )
    _check(framework_id, data)
    return Framework(framework_id, data)


def _check(framework_id: str, data: Any) -> None:
    from itstyr.schemaset import schema_set
    from itstyr.scoring.registry import checks

    problems = []
    if not schema_set().fast_validator("framework.schema.json").is_valid(data):
        problems = [
            f"{'/'.join(str(p) for p in error.absolute_path) or '/'}: {error.message}"
            for error in schema_set().detailed_validator("framework.schema.json").iter_errors(data)
        ]
    if not problems:
        recommendations = {r["id"] for r in data["recommendations"]}
        criteria_ids = [c["id"] for c in data["criteria"]]
        known_checks = checks()
        if len(set(criteria_ids)) != len(criteria_ids):
            problems.append("criteria: duplicate ids")
        for criterion in data["criteria"]:
            if "recommendation" in criterion and criterion["recommendation"] not in recommendations:
                problems.append(f"{criterion['id']}: unknown recommendation {criterion['recommendation']}")
            if criterion["check"]["name"] not in known_checks:
                problems.append(f"{criterion['id']}: unknown check {criterion['check']['name']}")
        for question in data["questions"]:
            for criterion_id in question["criteria"]:
                if criterion_id not in criteria_ids:
                    problems.append(f"{question['id']}: unknown criterion {criterion_id}")
    if problems:
        raise UserError(Message("framework.invalid", id=framework_id, problems=problems[:10]))
