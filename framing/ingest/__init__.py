"""Ingestion: from pages on disk to clean, segmented articles with provenance.

Stages, one module each: :mod:`~framing.ingest.readers` (files, encodings,
formats), :mod:`~framing.ingest.lines` (what each line is),
:mod:`~framing.ingest.inline` (furniture inside a line),
:mod:`~framing.ingest.segment` (articles and comments),
:mod:`~framing.ingest.provenance` (who wrote it) and
:mod:`~framing.ingest.metadata` (sidecars). :func:`framing.read_corpus` ties
them together.
"""
