"""Who published an article and who wrote it, from what the page declares (a sidecar, record
columns, HTML metadata), its URL and the provenance cues of its text
(:func:`framing.ingest.provenance.find_provenance`). Text and HTML pages
(:mod:`~framing.ingest.pages`) decide them alike.
"""

from __future__ import annotations

import re

from ..lexicon import host_of

__all__ = ["original_source_of", "publisher_of", "wire_url"]


def original_source_of(declared: str | None, origin: str, prov, publisher: str | None, source_type: str | None,
                       outlets) -> tuple[str | None, str, str | None]:
    """Who wrote an article, how we know, and its type: ``(original_source, provenance, original_source_type)``.

    A declared original source (``origin`` says where it was declared) wins, with a note of whether the
    text's cue agrees; then the text's cue; then the publisher itself.
    """
    if declared:
        original, provenance = outlets.canonical(declared), origin
        if prov.original_source:
            agree = outlets.canonical(prov.original_source) == original
            provenance += f"; text {'agrees' if agree else 'disagrees'}: {prov.cue}"
    elif prov.original_source:
        original, provenance = prov.original_source, prov.cue
    elif publisher:
        original, provenance = publisher, "no cue in the text; assumed to be the publisher"
    else:
        original, provenance = None, "unknown: no cue in the text and no publisher"
    if prov.speech and original == prov.original_source:
        original_type = "official_statement"
    elif original is not None and original == publisher:
        original_type = source_type
    else:
        original_type = outlets.source_type(original)
    return original, provenance, original_type


def publisher_of(sidecar: dict, meta: dict, outlets, text_hint: str | None) -> tuple[str | None, str | None]:
    """The page's publisher and, when it came from the URL, a note saying so.

    A declared publisher (sidecar, record column, HTML site name) wins; then the
    outlet whose listed domain is the longest suffix of the page's domain or URL
    host; then a hint in the text; then the host itself, as written, which the
    outlets lexicon does not know (its source type stays unknown).
    """
    declared = sidecar.get("publisher") or meta.get("publisher")
    if declared:
        return outlets.canonical(declared), None
    host = host_of(meta.get("domain")) or host_of(sidecar.get("url") or meta.get("url"))
    listed = outlets.by_domain(host) if host else None
    if listed:
        return listed[0].name, f"publisher from URL domain {listed[1]}"
    if text_hint:
        return text_hint, None
    if host and not _reserved_host(host):
        return host, f"publisher from URL domain {host} (not in the outlets lexicon)"
    return None, None


def _reserved_host(host: str) -> bool:
    """Domains reserved for documentation and testing (RFC 2606, RFC 6761): never a publisher."""
    labels = host.split(".")
    return ".".join(labels[-2:]) in ("example.com", "example.org", "example.net") or \
        labels[-1] in ("example", "test", "invalid", "localhost")


_VIEW_ORIGINAL = re.compile(r"view original content", re.I)


def wire_url(lines: list[str]) -> str | None:
    """The original URL a wire release names ("View original content: https://..."), or None."""
    for line in lines:
        if "original" in line.lower() and _VIEW_ORIGINAL.search(line):
            m = re.search(r"https?://\S+", line)
            if m:
                return m.group(0).rstrip(".")
    return None
