"""Systems and services: the system register (classification, owner, cost bearer, users,
management object), the management objects, and the IT services with their service levels and
latest reports."""

from __future__ import annotations

from itstyr.render.handbook import links
from itstyr.render.handbook.pages import Page, section_title
from itstyr.render.handbook.pages._common import newest_first

REPORTS_SHOWN = 4


def build(hb) -> list[Page]:
    services = []
    for service in hb.of_kind("it_service"):
        reports = newest_first(service.data.get("reports", []), "period")
        services.append({"document": service, "reports": reports[:REPORTS_SHOWN]})
    return [
        Page(
            links.SYSTEMS,
            "handbook/systems.md.j2",
            section_title("systems", hb.language),
            {
                "systems": hb.of_kind("system"),
                "objects": hb.of_kind("management_object"),
                "services": services,
            },
        )
    ]
