"""What the annotate contract shows of a Doc's attributions, for the attribution tests."""

from __future__ import annotations

from claimtrail.contract.annotate import doc_annotations


def shown(doc) -> list[tuple[str | None, str, str]]:
    """(source, cue, content) of every annotate attribution of ``doc``."""
    out = []
    for a in doc_annotations(doc)["attributions"]:
        content = doc.text[a["content"]["start"] : a["content"]["end"]]
        out.append(((a["source"] or {}).get("text"), a["cue"]["text"], content))
    return out
