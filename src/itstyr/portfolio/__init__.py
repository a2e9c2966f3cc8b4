"""The portfolio: initiatives ranked by the decided prioritisation model, demand against capacity per
team and period, what the ranking could not use, and initiatives that may sub-optimise each other.

`analyse_portfolio` is the front door (it returns a `PortfolioResult` and never prints); `ranking`,
`capacity` and `coordination` each do one part, `output` shows the result as text, Markdown or JSON.
"""

from __future__ import annotations

from pathlib import Path

from itstyr.portfolio.result import PortfolioResult

__all__ = ["PortfolioResult", "analyse_portfolio"]


def analyse_portfolio(path: str | Path, as_of: str | None = None) -> PortfolioResult:
    """The portfolio of the repository at `path`, as of a date (default: the setting, else today)."""
    from itstyr.api import validate
    from itstyr.dates import parse_as_of
    from itstyr.errors import UserError
    from itstyr.lint.config import effective_thresholds
    from itstyr.lint.context import LintContext
    from itstyr.messages import Message, count
    from itstyr.portfolio.capacity import demand_against_capacity
    from itstyr.portfolio.coordination import uncoordinated
    from itstyr.portfolio.ranking import MODEL_IN_FORCE, rank

    validation = validate(path)
    if validation.config_broken:
        raise UserError(Message("usage.settings_broken"), Message("usage.settings_broken.hint"))
    try:
        day = parse_as_of(as_of or validation.settings.as_of)
    except ValueError:
        raise UserError(Message("usage.as_of", value=str(as_of)), Message("usage.as_of.hint")) from None
    settings = validation.settings
    ctx = LintContext(validation.workspace, day, effective_thresholds(settings.extends, settings.thresholds), validation.invalid)
    organisations = ctx.of_kind("organisation")
    result = PortfolioResult(day, organisations[0] if organisations else None, settings)
    if validation.invalid:
        result.missing.append(Message("portfolio.missing.invalid", count=count("document", len(validation.invalid))))
    if not ctx.of_kind("initiative"):
        result.missing.append(Message("portfolio.missing.no_initiatives"))
    if not any(model.data.get("status") == MODEL_IN_FORCE for model in ctx.of_kind("prioritisation_model")):
        result.missing.append(Message("portfolio.missing.no_model"))
    result.models, result.ranking, result.must_failed, result.not_ranked, result.closed = rank(ctx)
    ranks = {entry.initiative.id: entry.rank for entry in result.ranking}
    result.capacity, missing = demand_against_capacity(ctx, ranks)
    result.missing.extend(missing)
    result.coordination, missing = uncoordinated(ctx)
    result.missing.extend(missing)
    return result
