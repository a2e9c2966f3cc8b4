"""Benefits (audit R7, Q6): decided initiatives with specified benefits linked to goals, owned in the
line organisation, with dates in order, measured as often as they say."""

from itstyr.lint.rules.benefits import (
    incomplete,
    initiative_benefits,
    measurement_overdue,
    owner_is_project_manager,
    target_before_baseline,
)

RULES = [initiative_benefits, incomplete, owner_is_project_manager, target_before_baseline, measurement_overdue]
