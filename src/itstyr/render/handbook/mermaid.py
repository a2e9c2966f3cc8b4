"""Mermaid diagrams as text: a small flowchart builder whose node ids are generated (`n1`, `n2` …)
and whose labels are always quoted and escaped, so no name from the data can break the diagram.

A diagram is only an illustration: every page that draws one also states its content in text right
under it (the accessible alternative). Very large diagrams are not drawn at all, since Mermaid
refuses big inputs and no reader could follow them; the text alternative is then all there is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from itstyr.render.handbook.escape import mermaid_label

MAX_NODES = 150

_SHAPES = {"box": ('["', '"]'), "round": ('("', '")'), "stadium": ('(["', '"])'), "hexagon": ('{{"', '"}}')}


@dataclass
class Flowchart:
    direction: str = "TD"
    _nodes: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    _subgraphs: list[tuple[str, list[str]]] = field(default_factory=list)
    _edges: list[tuple[str, str, str | None, bool]] = field(default_factory=list)
    _edge_set: set[tuple[str, str, str | None, bool]] = field(default_factory=set)

    def node(self, key: str, label: object, shape: str = "box") -> str:
        """Add a node once (later calls with the same key keep the first label); returns its key."""
        if key not in self._nodes:
            self._nodes[key] = (f"n{len(self._nodes) + 1}", mermaid_label(label), shape)
        return key

    def has(self, key: str) -> bool:
        return key in self._nodes

    def subgraph(self, title: object, keys: list[str]) -> None:
        self._subgraphs.append((mermaid_label(title), [key for key in keys if key in self._nodes]))

    def edge(self, source: str, target: str, label: object = None, dotted: bool = False) -> None:
        if source in self._nodes and target in self._nodes:
            entry = (source, target, mermaid_label(label) if label else None, dotted)
            if entry not in self._edge_set:
                self._edge_set.add(entry)
                self._edges.append(entry)

    @property
    def size(self) -> int:
        return len(self._nodes)

    def too_large(self) -> bool:
        return len(self._nodes) > MAX_NODES

    def render(self) -> str:
        lines = [f"flowchart {self.direction}"]
        placed: set[str] = set()
        for number, (title, keys) in enumerate(self._subgraphs, start=1):
            lines.append(f'    subgraph s{number} ["{title}"]')
            for key in keys:
                if key not in placed:
                    placed.add(key)
                    lines.append("        " + self._declare(key))
            lines.append("    end")
        lines.extend("    " + self._declare(key) for key in self._nodes if key not in placed)
        for source, target, label, dotted in self._edges:
            arrow = "-.->" if dotted else "-->"
            text = f'|"{label}"|' if label else ""
            lines.append(f"    {self._nodes[source][0]} {arrow}{text} {self._nodes[target][0]}")
        return "\n".join(lines)

    def _declare(self, key: str) -> str:
        node_id, label, shape = self._nodes[key]
        opening, closing = _SHAPES[shape]
        return f"{node_id}{opening}{label}{closing}"
