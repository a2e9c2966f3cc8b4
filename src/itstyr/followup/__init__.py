"""The follow-up report to the executive board for a period (issue 7): goals and indicators against
targets, the portfolio's state, benefits realised against planned, IT delivery against service
levels, the cost model's allocations, the internal control plan's results, the audit actions and
what is overdue. It reads only what the repository holds; where data is missing the report says so
("saknat underlag") instead of estimating.

`parse_report_period` reads the period, `build_context` returns the template's context and
`render_follow_up` the Markdown."""

from itstyr.followup.context import build_context
from itstyr.followup.period import Period, parse_report_period
from itstyr.followup.render import render_follow_up

__all__ = ["Period", "build_context", "parse_report_period", "render_follow_up"]
