"""Resolve the source of an attribution to one canonical speaker within an article.

A news article names a person in full once ("Sheila Smith, a senior fellow at
the Council on Foreign Relations") and then by surname ("Smith"), by title
("Prime Minister Ishiba"), by role ("the professor") or by pronoun ("he").
Crosschecking quotes across outlets needs the same name for all of them, so
this module keeps, per article, the full names of people (spaCy PERSON
entities, and proper-noun subjects of cues the model mislabels), the role each
was introduced with, and who was mentioned last.

Pronouns resolve to the most recent person mentioned before them outside a
quotation; the parser gives no gender, and in news the last-named person is the
usual antecedent of a speech pronoun. Skipping the people a quotation names
changed 54 speakers on 552 texts (PolNeAR dev and 150 train texts, 300 ECB+
texts, seeds, sample corpus, 3 web pages), each checked by hand: 41 to the
right person, 1 to a wrong one (a stray mark made a paragraph look quoted),
12 wrong before and after. Among earlier sentences a main verb's subject
outranks a clause's (``Speakers._antecedent``), and in a sentence the selective
parse skipped, a name that opens it counts as its subject (22 speakers change
on the same texts: 20 to the right person, 1 to a wrong one, 1 wrong before
and after; a name that modifies a noun, "the Smith administration", is no
subject: 4 more, all right). Sources that name nobody ("An official", "Experts") stay as
written: that is what a reader can check.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Sequence

import numpy
from spacy.attrs import IS_LOWER, LOWER
from spacy.strings import hash_string

from .quotes_lexicon import SPEECH
from .quotes_marks import DOUBLE_MARK

# Police, military and civic ranks. Names drop title words wherever they stand, so ranks that are
# well-known surnames ("John Major", "John Constable") are left out; "Mayor" and "Sergeant" are far
# more often ranks in news than surnames (Federico Mayor loses his: a known cost).
RANKS = frozenset(
    """inspector insp insp. detective det. sergeant superintendent supt supt. lieutenant captain capt capt.
    commander commissioner corporal cpl. colonel general attorney admiral sheriff mayor ambassador reverend rev
    rev.""".split()
)
TITLES = RANKS | frozenset(
    """mr mr. mrs mrs. ms ms. dr dr. prof prof. sen sen. rep rep. gov gov. gen gen. president
    prime minister secretary senator governor chancellor premier king queen prince
    professor lt. col. sgt. adm. judge justice chairman chief former vice deputy
    foreign defense defence finance trade japanese american u.s. us
    leader majority minority whip speaker senate house team coach director spokesman spokeswoman spokesperson""".split()
)
_PERSON_PRONOUNS = frozenset("he she him her i".split())
# What a pronoun, an honorific or a role word says of a person's gender.
_GENDER_WORDS = {
    **dict.fromkeys("he him his himself mr mr. actor father husband son brother boyfriend man spokesman king prince "
                    "congressman businessman grandfather uncle nephew widower".split(), "m"),
    **dict.fromkeys("she her hers herself mrs mrs. ms ms. miss actress mother wife daughter sister girlfriend woman "
                    "spokeswoman chairwoman queen princess congresswoman businesswoman grandmother aunt niece "
                    "widow".split(), "f"),
}
# A name before one of these names a place ("In Suka Makmur village"), whatever the model tagged it.
_PLACE_NOUNS = frozenset("village town city district province county region state street road avenue river "
                         "island valley airport station camp neighborhood neighbourhood".split())
# Lines with words (blank ones aside) before a speaking "I" in which a quotation makes it a quoted
# person's later line rather than the writer's (ECB+ copy: a line per sentence).
_WRITER_LINES = 3
_QUOTE_WORDS = 4  # fewer words in quotation marks are a term, not someone's quotation
_HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss".split())
_GENDERED_PRONOUNS = frozenset("he him his himself she her hers herself".split())
_GROUP_PRONOUNS = frozenset(("they",))
_MAX_NAME_WORDS = 4
# Sentences back in which a subject outranks a later non-subject as a pronoun's antecedent.
# A subject's rank: of a sentence's main verb (or a verb conjoined with it), else of a clause inside.
_PRONOUN_REACH = 2
_ROLE_DEPS = {"appos"}
_DROP_FROM_DESCRIPTION = {"appos", "relcl", "acl", "punct"}
_RELATIVES = frozenset("who whom which that".split())
_MAIN_SUBJECT, _CLAUSE_SUBJECT = 2, 1
# Marks a bad parse or an HTML remnant leaves at a mention's edges: '" Maral', '">Sanders'. Not the
# full stop of "Jr." or "U.S.", nor brackets, which a name's party tag "(R-Texas)" closes.
_EDGE_MARKS = " \t\"“”‘’«»<>,;:"


@dataclass(frozen=True)
class Speaker:
    name: str | None
    span: tuple[int, int] | None  # characters of the mention the name was read from
    role: str | None


class Speakers:
    """Speaker resolution over one parsed article."""

    def __init__(self, doc, text: str | None = None, quoted: Sequence[tuple[int, int]] = ()):
        """``quoted``: character spans of the article's quotations (see ``_quoted_mention``)."""
        self.doc = doc
        if text is not None:
            self.text = text  # the doc's text as the caller has it (fills the cached property)
        self._quoted = sorted(quoted)
        self._full: dict[str, str] = {}  # surname -> full name
        self._roles: dict[str, str] = {}  # full name -> role at introduction
        self._titles: dict[str, set[str]] = {}  # full name -> title words ("president")
        # (token index, full name, subject rank (_subject_rank), is quoted: inside a quotation and not speaking there)
        self._mentions: list[tuple[int, str, int, bool]] = []
        ents = [e for e in doc.ents if e.label_ == "PERSON"]
        forms: dict[str, Counter] = {}
        for ent in ents:
            if ent[-1].lower_ in RANKS:
                continue  # a place and a rank read as a name ("Charlotte Mayor"); "Steve King" is a name
            words = _name_words(ent)
            if 0 < len(words) <= _MAX_NAME_WORDS:
                forms.setdefault(_surname(words[-1]), Counter())[" ".join(words)] += 1
        # The full form: the most frequent name of two words or more (a tag line
        # "Donald Trump Shigeru Ishiba" is one entity once), else the longest.
        self._shared: set[str] = set()  # full names whose surname another person named here shares
        for key, counts in forms.items():
            multi = [(n, f) for f, n in counts.items() if len(f.split()) > 1]
            self._full[key] = max(multi, key=lambda nf: (nf[0], len(nf[1])))[1] if multi else max(counts, key=len)
            if len({f.split()[0] for _, f in multi}) > 1:
                self._shared.add(self._full[key])
        for tok in _title_tokens(doc, self._full):
            # every surname, whatever label the model gave it this time ("Trump" is
            # sometimes ORG or NOUN), counts as a mention for pronoun resolution
            if not (tok.dep_ == "compound" and (tok.head.lower_ in self._full or tok.head.lower_ in _PLACE_NOUNS)):
                self._mentions.append((tok.i, self._full[tok.lower_], _subject_rank(tok), self._quoted_mention(tok)))
        for ent in ents:
            name = self.canonical(ent)
            if name:
                role = _role(ent.root)
                if role and name not in self._roles:
                    self._roles[name] = role
                titles = {t.lower_ for t in ent.root.lefts if t.lower_ in TITLES}
                titles |= {t.lower_ for t in ent if t.lower_ in TITLES}
                self._titles.setdefault(name, set()).update(titles)
        self._mentions.sort()

    @cached_property
    def text(self) -> str:
        """The doc's text, built once and only when a description is cut from it (``Doc.text``
        joins every token on each access)."""
        return self.doc.text

    def canonical(self, span) -> str | None:
        """The full name a name mention stands for ("Smith" -> "Sheila Smith"; "Head Coach Sean
        Payton" -> "Sean Payton": words the model did not read as the person's, before the full
        name, are a title the lists lack, while "Douglas Holtz Eakin" keeps its first name)."""
        words = _name_words(span)
        if not words:
            return None
        full = self._full.get(_surname(words[-1]))
        if not full:
            return " ".join(words)
        known = set(full.lower().replace("-", " ").split())
        if {part for w in words for part in w.lower().split("-")} <= known:
            return full
        titled = " ".join(words).lower().endswith(" " + full.lower()) and len(known) > 1
        if titled and {t.lower_ for t in span if t.ent_type_ == "PERSON"} <= known:
            return full
        return " ".join(words)

    def canonical_text(self, name: str) -> str:
        """The full name for a name given as plain text (a dash signature); titles lead it ("Governor
        Kristi Noem"), title words inside are the name's own ("The Nigerian Senate")."""
        words = name.split()
        while len(words) > 1 and words[0].lower() in TITLES:
            words = words[1:]
        full = self._full.get(_surname(words[-1])) if words else None
        return full if full and set(words) <= set(full.split()) else " ".join(words) or name

    def resolve(self, head) -> Speaker:
        """The speaker for a source whose head token is ``head``, without the quotation marks and
        punctuation a bad parse can leave at the mention's edges ('" Maral')."""
        person = _person_in_apposition(head)
        found = self._resolve(_antecedent_of_relative(head) or person or head)
        if person is not None and not found.role and head.ent_type_ not in ("GPE", "LOC"):  # "her lawyer", not a dateline
            described = self.text[head.left_edge.idx : person.left_edge.idx].strip(" ,;:-–—")
            found = Speaker(found.name, found.span, described or None)
        name = found.name.strip(_EDGE_MARKS) if found.name else found.name
        if name == found.name:
            return found
        if not name:
            return Speaker(None, None, found.role)
        span = found.span
        if span is not None and self.text[span[0] : span[1]] == found.name:  # a description read off the text
            start = span[0] + found.name.index(name)
            span = (start, start + len(name))
        return Speaker(name, span, found.role)

    def _resolve(self, head) -> Speaker:
        doc = self.doc
        if head.lower_ in _PERSON_PRONOUNS:
            name = None if head.lower_ == "i" and self._writer_speaks(head) else self._antecedent(head)
            return Speaker(name, (head.idx, head.idx + len(head)), self._roles.get(name) if name else None)
        if head.lower_ in _GROUP_PRONOUNS:
            group = _group_antecedent(head)
            if group is not None:
                words = _description(group)
                return Speaker(self.text[words[0].idx : words[-1].idx + len(words[-1])], (head.idx, head.idx + len(head)), None)
        start, end = _name_chain(head)
        mention = doc[start:end]
        known = _name_words(mention)
        if not known and head.lower_ in self._full and head.text[:1].isupper():
            name = self._full[head.lower_]  # "King" of "Tishana King": a title word alone is her surname here
            return Speaker(name, (head.idx, head.idx + len(head)), self._roles.get(name))
        if known and head.text[:1].isupper() and (head.ent_type_ == "PERSON" or _surname(known[-1]) in self._full):
            name = self.canonical(mention)
            first = next(t for t in mention if t.text.lower() not in TITLES or t.i == head.i)
            bisect.insort(self._mentions, (head.i, name, _MAIN_SUBJECT, self._quoted_mention(head)))
            return Speaker(name, (first.idx, mention.end_char), _role(head) or self._roles.get(name))
        # "the judge": the one person of that role (an unparsed sentence has no children to ask)
        definite = any(c.lower_ == "the" for c in head.children) or (
            not head.dep_ and head.i > 0 and doc[head.i - 1].lower_ == "the")
        if head.pos_ in ("NOUN", "") and definite:
            name = self._by_role(head.lemma_.lower() or head.lower_)
            if name is not None:
                return Speaker(name, (head.left_edge.idx, head.idx + len(head)), self._roles.get(name))
        tokens = [t for t in _description(head)]
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        return Speaker(self.text[start:end], (start, end), _role(head))

    @cached_property
    def _genders(self) -> dict[str, str]:
        """Full name -> "m" or "f", where the article says so plainly: an honorific or a role word
        ("Mrs. Horton", "Mr. Kim", "the actress Tara Reid", "her son, filmmaker Charlie McDowell"),
        a reflexive whose verb's subject is the person ("Tara Reid checked herself in"), or the
        subject of what the person said ("Cruz said he would ..."). A possessive is no evidence:
        "Mukasey said the scandal is the latest issue in her career" is about someone else.
        Evidence both ways leaves the gender unknown, and so does a surname two people share."""
        votes: dict[str, set[str]] = {}
        doc = self.doc
        for name in set(self._full.values()):
            for w in (*(self._roles.get(name, "") or "").lower().split(), *self._titles.get(name, ())):
                # "her lawyer" says nothing of the lawyer, nor "King" of Tishana King
                if w in _GENDER_WORDS and w not in _GENDERED_PRONOUNS and w not in name.lower().split():
                    votes.setdefault(name, set()).add(_GENDER_WORDS[w])
        starts = [sent.start for sent in doc.sents]
        named: dict[int, set[str]] = {}
        by_token = {}
        for i, name, _, quoted in self._mentions:
            by_token[i] = name
            if not quoted:
                named.setdefault(bisect.bisect_right(starts, i), set()).add(name)
            before = doc[i - 1].lower_ if i > 0 else ""
            if before in _HONORIFICS:
                votes.setdefault(name, set()).add(_GENDER_WORDS[before])
            # a gendered noun the name stands in apposition to or is headed by ("her son, filmmaker
            # Charlie McDowell", "the actress Tara Reid"), not a possessor's ("the actress's rep Jack")
            head = doc[i]
            while head.dep_ in ("compound", "flat") and head.head.i != head.i:
                head = head.head
            written = _name_words(doc[slice(*_name_chain(head))])
            if len(written) > 1 and written[0] != name.split()[0]:
                continue  # "His sister, Mahnefah Gray" in a story whose "Gray" is Kimani Gray
            described = [head.head] if head.dep_ == "appos" else []
            described += [t for t in doc[head.left_edge.i : head.i] if t.dep_ != "poss"]
            for t in described:
                if t.lower_ in _GENDER_WORDS and t.lower_ not in _GENDERED_PRONOUNS and t.lower_ not in TITLES:
                    votes.setdefault(name, set()).add(_GENDER_WORDS[t.lower_])
        for i in _word_tokens(doc, _GENDERED_PRONOUNS):
            tok = doc[i]
            if self._inside_quotation(tok.idx):
                continue
            if tok.lower_ in ("himself", "herself"):  # "Tara Reid checked herself in": its verb's subject
                subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
                person = by_token.get(subject.i) if subject is not None else None
            else:  # "Cruz said he would ...": the subject of what a named person said
                verb = tok.head
                said = verb.head if tok.dep_ == "nsubj" and verb.dep_ == "ccomp" else None
                subject = next((c for c in said.children if c.dep_ == "nsubj"), None) if said is not None else None
                person = by_token.get(subject.i) if subject is not None and said.lemma_.lower() in SPEECH else None
            if person is not None:
                votes.setdefault(person, set()).add(_GENDER_WORDS[tok.lower_])
        # a surname two people share ("Ivanka Trump", "Donald Trump") says nothing of either
        return {name: next(iter(v)) for name, v in votes.items() if len(v) == 1 and name not in self._shared}

    def _antecedent(self, pronoun) -> str | None:
        """The last person named before the pronoun, preferring the subject of a recent sentence.

        In an earlier sentence the subject of its main verb outranks the subject of a clause
        inside it: after "Figgins declined to address whether Thomas slept on the night Epstein
        died." the next "he said" is Figgins. In the pronoun's own sentence the nearest subject
        wins, embedded or not: "Flynn said Trump was right when he said ..." is Trump.
        Preferring main-clause subjects changed 43 speakers on the module note's 552 texts, checked by
        hand: 38 to the right person, 2 to a wrong one (a "he" after a paragraph whose main
        subject is someone else), 3 wrong before and after.

        A person a quotation names without speaking there is never the antecedent: a speaker
        talks about others, so in '"Heads needed to roll the day Jeffrey Epstein died," he
        said' the "he" is the senator of the paragraph before, and in '"... I noticed Mrs.
        Horton fall down. / I honestly thought ...' (a later paragraph whose marks the copy
        lost) the "I" is the witness quoted, not Mrs. Horton."""
        window_start = _sentence_start(pronoun, back=_PRONOUN_REACH)
        latest = embedded = None
        sentence = own = pronoun.sent.start
        gender = _GENDER_WORDS.get(pronoun.lower_)
        for j in range(bisect.bisect_left(self._mentions, (pronoun.i,)) - 1, -1, -1):
            i, name, rank, quoted = self._mentions[j]
            if quoted or (gender and self._genders.get(name, gender) != gender):
                continue  # "her publicist confirmed. ... he said": not Reid
            latest = latest or name
            if i < window_start:
                break
            start = self.doc[i].sent.start
            if start != sentence:
                if embedded:
                    return embedded
                sentence = start
            if rank == _MAIN_SUBJECT or (rank and start == own):
                return name
            if rank and embedded is None:
                embedded = name
        return embedded or latest

    def _writer_speaks(self, i_token) -> bool:
        """An "I" outside quotation marks with no quotation in its line or the _WRITER_LINES before is
        the writer of a column ("I guess it was only a matter of time before ..."), not a quoted
        person whose quotation marks the copy lost: nobody named in the article said it."""
        if self._inside_quotation(i_token.idx):
            return False
        text, lines = self.text, 0
        start = text.rfind("\n", 0, i_token.idx) + 1  # this line, then back over the ones before it
        while start > 0 and lines < _WRITER_LINES:
            end, start = start, text.rfind("\n", 0, start - 1) + 1
            lines += bool(text[start:end].strip())
        # a quotation of a few words counts, and so does a mark that pairs into nothing (detokenised
        # copy spaces marks off: '“ I think'); scare quotes ("side hustle") do not
        long_quote = any(start <= a < i_token.idx and len(text[a:b].split()) >= _QUOTE_WORDS for a, b in self._quoted)
        stray = any(not any(a <= m.start() < b for a, b in self._quoted)
                    for m in DOUBLE_MARK.finditer(text, start, i_token.idx))
        return not (long_quote or stray)

    def _quoted_mention(self, tok) -> bool:
        """A name inside a quotation that is not the subject of a speech verb there (the "said
        Dana Whitfield" of a quotation whose closing mark is lost still speaks)."""
        return self._inside_quotation(tok.idx) and not (tok.dep_ == "nsubj" and tok.head.lemma_.lower() in SPEECH)

    def _inside_quotation(self, char: int) -> bool:
        k = bisect.bisect_right(self._quoted, (char, float("inf"))) - 1
        return k >= 0 and char < self._quoted[k][1]

    def _by_role(self, noun: str) -> str | None:
        """The one person introduced with this role or title ("the professor", "the president")."""
        names = {n for n, r in self._roles.items() if noun in r.lower().split()}
        names |= {n for n, titles in self._titles.items() if noun in titles}
        return names.pop() if len(names) == 1 else None


def _group_antecedent(pronoun):
    """What a "they" that speaks stands for: the nearest plural subject of a speech verb before
    it, in its sentence or the one before ("Experts say bridges ... are at risk. That can happen
    quietly over years, they warn." -> "Experts", not "bridges")."""
    if pronoun.head.lemma_.lower() not in SPEECH:
        return None  # "they believe": whose belief, a reader cannot tell from the words around it
    start = _sentence_start(pronoun, back=1)
    for tok in reversed(pronoun.doc[start : pronoun.i]):
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.tag_ in ("NNS", "NNPS") and tok.head.lemma_.lower() in SPEECH:
            return tok
    return None


def _person_in_apposition(head):
    """The one person a description or a name that is no person's introduces through appositions:
    "her lawyer, Mark Heller, said" speaks for Mark Heller, and "Colts interim coach Bruce Arians
    asked" (parsed Colts <- coach <- Arians) for the coach, not the team.

    Left alone: a plural ("Relatives of the dead man, John Doe, said": the relatives speak), a
    description with a phrase of its own ("The father of the suspect, John Doe": the parse cannot
    tell whose name it is), and people named together ("The group's founder, Tom Jones, and its
    director", "Presidential candidates Hillary Clinton and Donald Trump").
    """
    if head.pos_ not in ("PROPN", "NOUN") or head.ent_type_ == "PERSON" or (head.tag_ == "NNS" and head.is_lower):
        return None
    if any(c.dep_ in ("prep", "conj") for c in head.children):
        return None
    for appos in (c for c in head.children if c.dep_ == "appos"):
        for tok in (appos, *(c for c in appos.children if c.dep_ == "appos")):
            if tok.ent_type_ == "PERSON" and not any(c.dep_ == "conj" for c in tok.children):
                return tok
    return None


def _antecedent_of_relative(head):
    """The noun a relative pronoun stands for ("the judge, who said ..." -> "judge"), or None
    when ``head`` is not the subject of a relative clause."""
    if head.tag_ not in ("WP", "WDT") or head.lower_ not in _RELATIVES:
        return None
    clause = head.head
    while clause.dep_ in ("xcomp", "ccomp", "conj") and clause.head.i != clause.i:
        clause = clause.head
    return clause.head if clause.dep_ == "relcl" and clause.head.pos_ in ("NOUN", "PROPN") else None


def _word_tokens(doc, lower_forms, capitalised: bool = False) -> list[int]:
    """Indices of the tokens whose lower form is one of ``lower_forms``, found on the doc's arrays
    (a Token object for every word of the article cost more than the rest of this module);
    ``capitalised``: only those not written in lower case. Not spaCy's IS_TITLE, which is
    ``str.istitle``: "McAllister" and "DeVos" are not title case."""
    if not lower_forms:
        return []
    rows = doc.to_array([LOWER, IS_LOWER])
    wanted = numpy.array([hash_string(w) for w in lower_forms], dtype=rows.dtype)
    hits = numpy.isin(rows[:, 0], wanted)
    return numpy.flatnonzero(hits & (rows[:, 1] == 0) if capitalised else hits).tolist()


def _title_tokens(doc, lower_forms) -> list:
    """Capitalised tokens whose lower form is one of ``lower_forms`` (a later surname-only mention)."""
    return [doc[i] for i in _word_tokens(doc, lower_forms, capitalised=True)]


def _subject_rank(tok) -> int:
    """_MAIN_SUBJECT for the subject of a sentence's main verb (or of a verb conjoined with it),
    _CLAUSE_SUBJECT for the subject of a clause inside it, 0 for any other mention. In a sentence
    the selective parse skipped (no quotation, cue or number: "Jackson issued a statement
    released through the team."), a name that opens the sentence, after nothing but titles, is
    taken as its subject ("After Smith left, ..." opens with a clause)."""
    if not tok.dep_:  # a sentence the selective parse skipped: a name that opens it is its subject
        opens = all(t.ent_type_ == "PERSON" or t.lower_ in TITLES for t in tok.doc[tok.sent.start : tok.i])
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        return _MAIN_SUBJECT if opens and not (nxt is not None and nxt.lower_ in ("'s", "’s")) else 0
    while tok.dep_ in ("compound", "flat", "appos") and tok.head.i != tok.i:
        if tok.dep_ != "appos" and tok.head.pos_ != "PROPN":
            return 0  # a name modifying a noun: "the Smith administration opposed ..."
        tok = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return 0
    verb = tok.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return _MAIN_SUBJECT if verb.dep_ == "ROOT" else _CLAUSE_SUBJECT


def _sentence_start(tok, back: int) -> int:
    sent = tok.sent
    for _ in range(back):
        if sent.start == 0:
            break
        sent = tok.doc[sent.start - 1].sent
    return sent.start


def is_word_hyphen(tok) -> bool:
    """A "-" inside a word ("Seitz-Wald", "AFL-CIO"), not a dash between words."""
    return tok.text == "-" and tok.i > 0 and not tok.whitespace_ and not tok.doc[tok.i - 1].whitespace_


_PARTICLES = frozenset("de van von der den da di du la le del della dos bin ibn al".split())


def _name_words(span) -> list[str]:
    """The words of a name as written, a hyphenated one ("Seitz-Wald", "Ocasio-Cortez") whole."""
    pieces: list[tuple[str, object]] = []  # (word, its last token)
    for t in span:
        if pieces and (is_word_hyphen(t) or t.i > span.start and is_word_hyphen(t.doc[t.i - 1])):
            pieces[-1] = (pieces[-1][0] + t.text, t)
        else:
            pieces.append((t.text, t))
    words = [w.rstrip("-") for w, t in pieces if t.pos_ in ("PROPN", "X", "NOUN", "ADJ") or t.is_title]
    # a title word ends a name as its surname ("Tishana King", "Stephen King"); elsewhere it is a title
    last = len(words) - 1
    surname_title = last > 0 and words[last - 1].lower() not in TITLES
    words = [w for n, w in enumerate(words)
             if (w.lower() not in TITLES or n == last and surname_title) and w.lower() not in ("'s", "’s")]
    # a particle inside a name stays ("Bill de Blasio", "Ludwig van Beethoven")
    return [w for n, w in enumerate(words) if w[:1].isupper() or (0 < n < len(words) - 1 and w in _PARTICLES)]


def _surname(word: str) -> str:
    """The key a name is known by: its last word lower-cased, the last capitalised part of a
    hyphenated one ("Seitz-Wald" -> "wald", "Ki-moon" -> "ki"), the title-case token a later
    surname-only mention matches."""
    parts = word.split("-")
    return next((p for p in reversed(parts) if p[:1].isupper()), parts[-1]).lower()


def _name_chain(head) -> tuple[int, int] | None:
    """Token range of a proper name: the head and its compound/flat modifiers."""
    parts = [c for c in head.lefts if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"]
    start = parts[0].i if parts else head.i
    doc = head.doc
    while start >= 2 and is_word_hyphen(doc[start - 1]) and doc[start - 2].is_alpha:
        start -= 2  # the first half of a hyphenated name: "Jean-Luc", "Ocasio-Cortez"
    return (start, head.i + 1)


def _role(head) -> str | None:
    """The apposition that describes the speaker; an age ("Parise, 35, said") describes no role."""
    appos = next((c for c in head.children if c.dep_ in _ROLE_DEPS and any(t.is_alpha for t in c.subtree)), None)
    if appos is None:
        return None
    tokens = [t for t in appos.subtree]
    # an apposition ends at its comma: a parse that ran on ("Williams, a frequent NYPD critic,
    # blasted outsiders ...") hangs the sentence's verb on it
    end = next((k for k, t in enumerate(tokens) if t.text in (",", ";") and t.i > appos.i
                and k + 1 < len(tokens) and tokens[k + 1].pos_ in ("VERB", "AUX")), len(tokens))
    tokens = tokens[:end]
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    return "".join(t.text_with_ws for t in tokens).strip() if tokens else None


def _description(head):
    dropped = set()
    for c in head.children:
        if c.dep_ in _DROP_FROM_DESCRIPTION and c.i > head.i:
            dropped.update(t.i for t in c.subtree)
    return [t for t in head.subtree if t.i not in dropped and not (t.is_punct and t.i > head.i)]
