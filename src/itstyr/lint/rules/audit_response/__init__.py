"""The response to the audit (R7, ISO 38500 conformance): every recommendation answered by an action,
actions and political commissions done or reported back on time."""

from itstyr.lint.rules.audit_response import action_overdue, commission_overdue, recommendation_without_action

RULES = [recommendation_without_action, action_overdue, commission_overdue]
