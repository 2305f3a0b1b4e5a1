"""Ingestion: from pages on disk to clean, segmented articles with provenance.

Stages, one module each: :mod:`~framing.ingest.readers` (files, encodings, formats:
:mod:`~framing.ingest.files`, :mod:`~framing.ingest.records`,
:mod:`~framing.ingest.htmlpages`), :mod:`~framing.ingest.lines` (what each line is, with
the learnt line model of :mod:`~framing.ingest.linemodel` over the features of
:mod:`~framing.ingest.linefeatures`), :mod:`~framing.ingest.inline` (furniture inside a
line), :mod:`~framing.ingest.repeats` (an outlet's own repeated boilerplate),
:mod:`~framing.ingest.segment` (articles and comments, walking the lines with
:mod:`~framing.ingest.boundaries` into the pieces of :mod:`~framing.ingest.drafts`),
:mod:`~framing.ingest.headlines` (a text dump's headline line, ranked over the features of
:mod:`~framing.ingest.headlinefeatures`; the two shipped models' shared checks and files in
:mod:`~framing.ingest.shipped`), :mod:`~framing.ingest.dates` (publication dates
and their precision), :mod:`~framing.ingest.datelines` (wire datelines and credits),
:mod:`~framing.ingest.provenance` (who wrote it) and :mod:`~framing.ingest.metadata`
(sidecars). :mod:`~framing.ingest.pipeline` (:func:`framing.read_corpus`) ties them
together, one page at a time with :mod:`~framing.ingest.pages` (whose
:mod:`~framing.ingest.origins` says who published and who wrote each article).
"""

__all__ = ["boundaries", "datelines", "dates", "drafts", "files", "headlinefeatures", "headlines", "htmlpages",
           "inline", "linefeatures", "linemodel", "lines", "metadata", "origins", "pages", "pipeline", "provenance",
           "readers", "records", "repeats", "segment", "shipped"]
