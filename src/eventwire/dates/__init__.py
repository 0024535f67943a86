"""When an event happened: date words in its sentence, resolved against the publication date.

Regexes find every date expression in the sentence (explicit dates, weekdays,
yesterday/today/tomorrow, last week/month/year, ...); the dependency parse then
picks the one that belongs to the trigger's own clause, and the tense of that
clause decides the direction of a weekday or a month without a year. The
resolver is plain regexes and date arithmetic: dateparser takes milliseconds to
seconds a call, this takes microseconds (``bench/dates_places.py``).

Conventions (documented in the field help and tested):

* ``precision`` is ``day | week | month | year | reported``. A coarser date is
  the first day of the period named: "last week" is that week's Monday, "last
  month" the 1st, "last year" January 1st, "the weekend" its Saturday.
* A weekday names the most recent such day for past tense and the next one for
  future tense (will/shall/going to, a modal with a bare verb, a progressive);
  a plain present tense ("meets on Friday", "says on Monday") takes whichever
  is nearer. A weekday equal to the publication weekday is the publication day
  itself in every tense: wire copy writes "said on Sunday" in Sunday's story
  and "later on Sunday"/"on Sunday" for a meeting that day. "last Friday" is
  always strictly before, "next Friday" strictly after publication.
* "N days ago" is a day; "N weeks/months/years ago" is the first day of the
  period it lands in, like "last week": with publication on Sunday 27 March
  2022, "three weeks ago" is Monday 28 February (week), "two months ago"
  1 January 2022 (month), "two years ago" 1 January 2020 (year).
* A month and day without a year takes the year that puts it nearest before
  publication (up to 14 days after it is allowed, for late copy); future tense
  takes the next one; present tense the nearest.
* A season is its first month, northern hemisphere (spring March, summer June, fall September, winter
  December), precision month: "last summer" is the latest summer already over at publication, "next
  summer" the first not yet begun, "this/in the summer" the one under way, else by tense.
* A day counted from another ("the day before", "a day earlier", "two days later", "the next day",
  "later that day", "earlier in the day") counts from the last day named before it: in its sentence,
  else in the nearest of the six sentences before that names a date, else from publication; after a
  month or a year ("In March ... Two days later") it is that month or year, with its precision. "the day
  after the vote" counts from the vote: no date. Weeks, months and years count the same way ("later that
  month", "the following week", "a year later"), each as the first day of its period.
* A date of a medium in a reduced relative ("in an interview aired Monday", "a letter sent
  Monday") dates what is said in it; other reduced relatives date their noun ("the 12 miners killed on
  Thursday").
* A month after "a", "the" or a possessive dates the thing it names ("in a December interview", "the
  September rally"): a full month name other than "May", before a lower-case word ("the May government",
  "the Mar-a-Lago club", "the March on Washington" are no dates); "this past September" is "last September". A year that modifies a noun after "in",
  "during", "from", "at" ("during the 2012 presidential race", "in a 2014 interview") is that year,
  unless it is the publication year or later ("in the 2016 campaign" names the race under way).
* A date in the phrase of a venue of speech ("at a rally on Monday", "during a hearing last week", "in an
  interview with KTV on Sunday") dates the saying, even where the parser hangs it inside what was said.
* The means dates the act: "surprised his allies by withdrawing his support a week ago".
* Programme names are not dates: NBC's "Today", ABC's "This Week".
* With no date words the event keeps the publication date: ``(published,
  "reported", None)``. Without a publication date only expressions that carry
  their own year resolve.

The words (months, weekdays, seasons, number words, tense auxiliaries, media and venues of speech, the names
that are no dates) live in ``knowledge/data/dates/words.yaml`` (``knowledge.py`` loads and validates it; a
user's files of the same shape add words: ``DateKnowledge.from_files([FILE])``, passed as ``resolve_date(...,
knowledge=...)``). One module per concern: ``patterns.py`` builds the regexes from the words, ``find.py``
finds the expressions in a sentence, ``calendar.py`` does the date arithmetic, ``clauses.py`` reads the parse
(whose clause, which tense), ``resolve.py`` chooses the event's date.
"""

from __future__ import annotations

from collections.abc import Mapping

from eventwire.dates.clauses import clause_verb, embedded_in
from eventwire.dates.find import DateMention, find_dates
from eventwire.dates.knowledge import DateKnowledge, shipped_date_knowledge
from eventwire.dates.resolve import DateResult, resolve_date

__all__ = [
    "MONTH_NAMES",
    "PROSPECTIVE_VERBS",
    "DateKnowledge",
    "DateMention",
    "DateResult",
    "clause_verb",
    "embedded_in",
    "find_dates",
    "resolve_date",
    "shipped_date_knowledge",
]

# The shipped words other stages read: ingest reads publication dates with the month names (full and short,
# lower case -> number), places the verbs that look ahead.
MONTH_NAMES: Mapping[str, int] = shipped_date_knowledge().month_numbers
PROSPECTIVE_VERBS: frozenset[str] = shipped_date_knowledge().prospective_verbs
