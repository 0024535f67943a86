"""Orchestration: articles in, :class:`~eventwire.schema.Result` records out.

The parse runs through ``nlp.pipe``; the stages that read it (actors,
statements, events) run on each Doc with the article's metadata at hand, then
dates and places fill in when and where. ``code_doc`` is the single place that
knows the order of the stages.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire import errors
from eventwire.actors import ActorResolver, ArticleContext
from eventwire.budget import ArticleTimeout, Deadline, time_budget
from eventwire.dates import DateKnowledge, DateResult, resolve_date, shipped_date_knowledge
from eventwire.errors import ConfigError
from eventwire.events.builtins import PoliticalOnly
from eventwire.events.registry import make_coder
from eventwire.ingest import Skipped, skipped
from eventwire.ingest.checks import check_text
from eventwire.ingest.text import mask_page
from eventwire.memory import gc_paused
from eventwire.memory import settle as memory_settle
from eventwire.nlp import TEXT_KEY, doc_text, load_nlp
from eventwire.places import Gazetteer, locate
from eventwire.schema import Article, Result
from eventwire.settings import Settings
from eventwire.statements import StatementExtractor, statement_holding

logger = logging.getLogger(__name__)

# PLOVER's non-state "countries": they say nothing about where a story is.
NON_STATE_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "IMG", "ISM", "MNC"})


class Pipeline:
    """Everything needed to code articles, loaded once."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        nlp: Language | None = None,
        strict_spans: bool = False,
        settle: bool = False,
    ) -> None:
        """Load the model (unless ``nlp`` is given) and every stage's knowledge.

        ``settle``: for a process that codes until it exits (the CLI, a worker): once loaded, everything alive
        is moved out of the garbage collector's reach (``memory.settle``), so coding never rescans the tables.
        It freezes the caller's objects too, so a library caller leaves it off.
        """
        self.settings = settings or Settings()
        self.nlp = nlp if nlp is not None else load_nlp(self.settings.model)
        if self.settings.max_chars > self.nlp.max_length:
            raise ConfigError(
                f"max_chars {self.settings.max_chars} is above the spaCy model's max_length {self.nlp.max_length}"
            )
        self.strict_spans = strict_spans  # tests: a stage span that does not match its text is an error
        with gc_paused():  # knowledge tables are long-lived: collecting while they are built is wasted work
            # first: the statements tagger's weights load through srsly, whose msgpack reader turns the
            # collector back on when it is done; loaded last, the collection that followed walked every
            # table built before it (0.06 s); loaded first, there is little to walk, and the pause resumes
            self.statements = StatementExtractor.from_files(
                self.settings.statement_files, learned=_tagger_fits(self.nlp)
            )
            gc.disable()
            self.gazetteer = Gazetteer.load(self.settings.place_files)
            # the resolver reads its towns off the gazetteer's GeoNames places (GeoNames is parsed once) and
            # splits knowledge strings with the model's own tokenizer
            self.actors = ActorResolver.from_files(
                self.settings.actor_files, gazetteer=self.gazetteer, tokenizer=self.nlp.tokenizer
            )
            self.events = make_coder(self.settings.event_coder, self.settings)
            files = self.settings.date_files  # the shipped words are loaded once per process and shared
            self.dates = DateKnowledge.from_files(files) if files else shipped_date_knowledge()
            if self.settings.political_actors_only:
                self.events = PoliticalOnly(self.events)
            if settle:
                # frozen before the collector is back on, so no collection ever walks the new tables (the
                # first one after the pause would: 0.07 s); no collection first either: the load leaves a
                # few dozen objects of cyclic garbage, and finding them would walk everything (0.11 s)
                memory_settle(collect=False)

    def code_many(self, items: Iterable[Article | Skipped]) -> Iterator[Result]:
        """Code a stream of articles (and pass skips through), keeping order."""
        pending: list[Article | Skipped] = []
        for item in items:
            pending.append(item)
            if len(pending) >= self.settings.batch_size:
                yield from self._code_batch(pending)
                pending = []
        if pending:
            yield from self._code_batch(pending)

    def _code_batch(self, items: list[Article | Skipped]) -> Iterator[Result]:
        checked: list[Article | Skipped] = []
        for item in items:
            if isinstance(item, Article):
                reason = check_text(item.text, max_chars=self.settings.max_chars, min_english=self.settings.min_english)
                if reason:
                    item = skipped(item, f"{reason} ({item.origin or item.id})")  # keeps an excerpt only
            checked.append(item)
        articles = [i for i in checked if isinstance(i, Article)]
        docs = iter(self._parse([mask_dateline(a.text) for a in articles]))
        for item in checked:
            if isinstance(item, Skipped):
                yield Result(article=item.article, status="skipped", reason=item.reason)
                continue
            doc = next(docs)
            try:
                if isinstance(doc, Exception):
                    raise doc
                # the stages make many short-lived objects that reference counting frees: the collector's
                # young-generation passes during them were ~1 ms an article of 120 PolNeAR texts, paused
                # here (and run between articles) ~0.5 ms (gc.callbacks timings)
                with time_budget(self.settings.time_budget) as deadline, gc_paused():
                    result = self.code_doc(doc, item, deadline=deadline)
                yield result
            except ArticleTimeout as err:
                yield Result(
                    article=item, status="skipped", reason=f"{errors.SKIP_TIMEOUT}: {err} ({item.origin or item.id})"
                )
            except Exception as err:  # one bad article must not stop the batch
                yield Result(
                    article=item,
                    status="skipped",
                    reason=f"{errors.SKIP_ERROR}: {type(err).__name__}: {err} ({item.origin or item.id})",
                )

    def _parse(self, texts: list[str]) -> list[Doc | Exception]:
        """Parse a batch with nlp.pipe; if the batch fails, parse one by one so only the bad text is lost."""
        try:
            docs: list[Doc | Exception] = list(self.nlp.pipe(texts, batch_size=self.settings.batch_size))
        except Exception:
            docs = []
            for text in texts:
                try:
                    docs.append(self.nlp(text))
                except Exception as err:
                    docs.append(err)
        for doc, text in zip(docs, texts, strict=True):
            if isinstance(doc, Doc):
                doc.user_data[TEXT_KEY] = text  # spaCy keeps every character: the stages need not rebuild it
        return docs

    def article_context(self, article: Article) -> ArticleContext:
        """What the actors read of the article about itself: its site (the publisher's name, else, when there is
        none, the article's URL: "bbc.co.uk" or a domain the knowledge lists), dateline and title. A named
        publisher that tells no state is kept: a wire ("Reuters", "Associated Press") reprinted on a national
        site is not at home there. The events trainers read their articles through it too."""
        return ArticleContext(
            publisher=article.publisher or article.url, dateline=article.dateline, title=article.title
        )

    def code_doc(self, doc: Doc, article: Article, *, deadline: Deadline | None = None) -> Result:
        """Run the stages that read the parse, then dates and places.

        ``deadline`` is checked between steps: where the budget cannot interrupt (a thread), an article
        still stops at the next step once it is over time.
        """
        deadline = deadline or Deadline(None)
        context = self.article_context(article)
        actors = self.actors.resolve(doc, published=article.published, context=context)
        # the events coder reads the rule statements it was trained on; each event then points at
        # the output statement whose content holds its trigger
        statements, rule_statements = self.statements.extract_with_rules(doc, actors)
        deadline.check()
        events = self.events.code(doc, actors, rule_statements)
        for ev in events:
            holder = statement_holding(statements, ev.trigger.start)
            ev.statement_id = holder.id if holder is not None else None
        deadline.check()
        context_countries = [
            a.country for a in actors.actors.values() if a.country and a.country not in NON_STATE_CODES
        ]
        cues = {st.id: _span_at(doc, st.cue.start, st.cue.end) for st in statements}
        for st in statements:
            got = resolve_date(cues[st.id].sent, cues[st.id].root, article.published, self.dates)
            st.date, st.date_precision, st.date_text = got.date, got.precision, got.text
        by_statement = {st.id: st for st in statements}
        for ev in events:
            deadline.check()
            span = _span_at(doc, ev.trigger.start, ev.trigger.end)
            got = resolve_date(span.sent, span.root, article.published, self.dates)
            st = by_statement.get(ev.statement_id)
            if got.text is None and st is not None and st.date_text is not None:
                # a date said for the statement carries to what it reports
                got = DateResult(st.date, st.date_precision, st.date_text)
            ev.date, ev.date_precision, ev.date_text = got.date, got.precision, got.text
            ev.location = locate(
                self.gazetteer, span.sent, span.root,
                context_countries=context_countries, dateline=article.dateline,
                fallback=_place_fallbacks(doc, span.sent, cues.get(ev.statement_id)),
            )  # fmt: skip
        result = Result(article=article, events=events, statements=statements, actors=list(actors.actors.values()))
        mismatches = anchor_spans(result, doc_text(doc))
        if mismatches and self.strict_spans:
            raise ValueError(f"spans do not match the text: {mismatches[:3]}")
        return result


def _tagger_fits(nlp: Language) -> bool:
    """The statements tagger reads the parser's token vectors, so it runs only on the model it was trained
    with; with another pipeline the rules extract statements (and a warning says so)."""
    from eventwire.statements.tagger import trained_on

    trained = trained_on()
    if trained is None:
        return False
    running = f"{nlp.meta.get('name')}-{nlp.meta.get('version')}"
    if trained and not trained.endswith(running):
        logger.warning("statements: the tagger was trained on %s, not %s; using the rules", trained, running)
        return False
    return True


def _place_fallbacks(doc: Doc, sent: Span, cue: Span | None) -> list[tuple[str, Span]]:
    """Where else to look for an event's place: its statement's sentence, then up to 3 earlier sentences of its line."""
    out: list[tuple[str, Span]] = []
    if cue is not None and cue.sent.start != sent.start:
        out.append(("statement", cue.sent))
    start = sent.start
    for _ in range(3):
        if start == 0 or "\n" in doc[start - 1].text_with_ws:
            break
        start = doc[start - 1].sent.start
    if start < sent.start:
        out.append(("paragraph", doc[start : sent.start]))
    return out


def anchor_spans(result: Result, parsed_text: str) -> list[tuple[int, int, str]]:
    """Make every span honour the contract ``article.text[start:end] == text``.

    Spans come from the parse of a text whose dateline was blanked, so they are
    trimmed of surrounding whitespace and their text is re-read from the
    article itself: one place that guarantees checkable evidence. Returns the
    spans whose stage-given text did not match their offsets (a stage bug).
    """
    text = result.article.text
    spans: list = []
    for ev in result.events:
        spans += [ev.evidence, ev.trigger, ev.source, ev.target]
    for st in result.statements:
        spans += [st.cue, st.content, st.speaker]
    for actor in result.actors:
        spans += actor.mentions
    mismatches = []
    for span in spans:
        if span is None:
            continue
        if span.text.strip() != parsed_text[span.start : span.end].strip():
            mismatches.append((span.start, span.end, span.text))
        start, end = span.start, span.end
        while start < end and (text[start].isspace() or parsed_text[start].isspace()):  # masked lines too
            start += 1
        while end > start and (text[end - 1].isspace() or parsed_text[end - 1].isspace()):
            end -= 1
        span.start, span.end, span.text = start, end, text[start:end]
    return mismatches


def mask_dateline(text: str) -> str:
    """Blank header lines, the dateline ("MOSCOW (Site / Sputnik - 27th March, 2022)") and footers before parsing.

    They are metadata, not clauses: parsed, they yield a city or byline "actor"
    and odd events. Spaces of the same length keep every offset valid, and no
    evidence span can fall inside the blanked parts (see ``ingest.text.mask_page``).
    """
    return mask_page(text)


def _span_at(doc: Doc, start: int, end: int) -> Span:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        token = next(t for t in doc if t.idx + len(t) > start)
        span = doc[token.i : token.i + 1]
    return span
