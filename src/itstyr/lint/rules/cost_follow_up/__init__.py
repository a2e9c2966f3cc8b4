"""The cost model and follow-up (audit R6 and R7, Q4c, Q5): allocations that reconcile and reach every
administration, a model the administrations know, and follow-up that actually happens."""

from itstyr.lint.rules.cost_follow_up import (
    allocation_missing,
    allocations_sum,
    follow_up_overdue,
    not_communicated,
    service_report_overdue,
)

RULES = [allocations_sum, allocation_missing, not_communicated, follow_up_overdue, service_report_overdue]
