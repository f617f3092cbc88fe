"""Hyperlinks for write-only worksheets, without one Hyperlink object per cell.

Why: openpyxl supports `cell.hyperlink` in write-only mode, but it builds a Hyperlink and a
Relationship object per link and serialises each through its descriptor machinery: for
30,000 LinkedIn URLs that alone cost more than a second, about 40% of the whole export.
Here the links are kept as (cell reference, target) pairs and written straight to the
sheet's <hyperlinks> element and its relationships part, producing the same XML.

The hook replaces two members of the sheet's WorksheetWriter instance (write_hyperlinks and
the relationship list); nothing in openpyxl itself is patched. Without lxml it falls back to
openpyxl's own hyperlinks.
"""

from __future__ import annotations

import types
from typing import TYPE_CHECKING

from openpyxl import LXML
from openpyxl.packaging.relationship import Relationship, RelationshipList
from openpyxl.xml.constants import PKG_REL_NS, REL_NS
from openpyxl.xml.functions import Element, SubElement

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FAST = LXML
HYPERLINK_TYPE = f"{REL_NS}/hyperlink"
_R_ID = f"{{{REL_NS}}}id"


class _LinkRelationship(Relationship):
    """A Relationship made without running its descriptors (plain attribute values)."""

    def __init__(self, target: str):  # noqa: D107 - deliberately skips Serialisable.__init__
        d = self.__dict__
        d["Type"] = HYPERLINK_TYPE
        d["Target"] = target
        d["TargetMode"] = "External"
        d["Id"] = None


class _FastRelationshipList(RelationshipList):
    """Serialises its relationships directly; the same XML as RelationshipList.to_tree."""

    def to_tree(self):
        tree = Element(self.tagname)
        tree.set("xmlns", PKG_REL_NS)
        for rel in self:
            attrs = {"Type": rel.Type, "Target": rel.Target}
            if rel.TargetMode:
                attrs["TargetMode"] = rel.TargetMode
            attrs["Id"] = rel.Id
            SubElement(tree, "Relationship", attrs)
        return tree


def install(ws: WriteOnlyWorksheet, links: list[tuple[str, str]]) -> None:
    """Make the worksheet's writer emit `links` [(ref, target)] when the sheet is closed.

    Call after the first row was appended (the writer exists then) and before saving.
    """
    writer = ws._writer
    if writer is None or not links:
        return
    if not isinstance(writer._rels, _FastRelationshipList):
        rels = _FastRelationshipList()
        rels.extend(writer._rels)
        writer._rels = rels

    def write_hyperlinks(self) -> None:
        # Links set through cell.hyperlink (if any) join ours: one <hyperlinks> element only.
        extra = [(h.ref, h.target) for h in self.ws._hyperlinks if h.target]
        element = Element("hyperlinks", nsmap={"r": REL_NS})
        for ref, target in (*links, *extra):
            rel = _LinkRelationship(target)
            self._rels.append(rel)
            SubElement(element, "hyperlink", {"ref": ref, _R_ID: rel.Id})
        self.xf.send(element)

    writer.write_hyperlinks = types.MethodType(write_hyperlinks, writer)
