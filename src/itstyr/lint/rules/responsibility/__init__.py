"""Responsibility (audit R2, Q1a): a clear split of responsibility between the digitalisation
department and the administrations, in the responsibility matrix, the systems' classification and
cost bearers, and the management objects' owners and managers."""

from itstyr.lint.rules.responsibility import (
    object_roles,
    raci_accountable,
    raci_unknown_party,
    raci_unused_party,
    system_classification,
    system_cost_bearer,
    system_multiple_objects,
)

RULES = [
    raci_accountable,
    raci_unknown_party,
    raci_unused_party,
    system_classification,
    system_cost_bearer,
    system_multiple_objects,
    object_roles,
]
