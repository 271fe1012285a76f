"""A small hand-made story for the cross-check and brief unit tests.

Four outlets report a hospital-staffing plan: "Wire Daily" (a preview), "Rewrite
News" (a rewrite of it that drops a speaker), "Independent Times" (a later report
with a different cost) and "Quiet Post" (a report that leaves the headline
figure out and denies what the other report says happened). Facts are built by hand with spans found in the texts, so these
tests exercise the cross-check alone; the seed tests run the real stages.
"""

from __future__ import annotations

from storyweave.ids import content_hash
from storyweave.records import Actor, Article, ArticleFacts, Derivation, Figure, Quote, Statement, Story

WIRE = (
    "The health ministry expects to hire 1,200 nurses next year under a new staffing plan. "
    "The staffing plan will cost $3.5 billion over three years, officials said. "
    '"We will not cut wages to pay for it," said Maria Lopez, the health minister. '
    'Lopez called the plan the start of a "golden era" for public hospitals. '
    "The minister is expected to announce new hospital funding for rural clinics on Friday. "
    "The nurses union is expected to hold a strike vote in March over working hours. "
    "Officials are expected to close the northern clinic in Brookfield next month. "
    "Hospital waiting lists have grown for three years in a row across the country. "
    "Regional governors have asked for more money for emergency departments this winter."
)
REWRITE = (
    "Around 1,200 nurses will be hired next year under the ministry's new staffing plan. "
    "The staffing plan will cost $3.5-billion over three years. "
    'Experts said "we will not cut wages to pay for it" as the plan was unveiled. '
    "Officials are expected to close the northern clinic in Brookfield next month. "
    "Hospital waiting lists have grown for three years in a row across the whole country."
)
REPORT = (
    "On Friday the health minister announced new hospital funding for rural clinics across the north. "
    "The ministry confirmed it will hire 1,200 nurses next year as part of the staffing plan. "
    "The staffing plan will cost $4.1 billion over three years, according to the budget office. "
    "Officials did not close the northern clinic in Brookfield, reversing an earlier decision. "
    'Minister Maria Lopez hailed a "golden age" for public hospitals at the launch in the capital. '
    "Opposition lawmakers said the plan came too late for hospitals already short of staff. "
    "The budget office said the cost estimate includes training and housing allowances for recruits. "
    "Hospital managers welcomed the plan but warned that recruitment abroad takes many months. "
    "The Eastfield general hospital opened its new maternity ward on Monday morning."
)
QUIET = (
    "The government unveiled a hospital staffing plan on Friday after weeks of debate in parliament. "
    "Opposition lawmakers said the plan came too late for hospitals that are already short of staff. "
    "Rural clinics will receive new funding, the health minister said at a press conference. "
    "Patients groups said they would watch closely whether waiting lists shrink next year. "
    "The Eastfield general hospital did not open its new maternity ward on Monday morning."
)


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def sentences(article_id: str, text: str, modalities: dict[str, str]) -> tuple[Statement, ...]:
    """Statements at every ". " boundary; modality by the first words of the sentence."""
    out, start = [], 0
    for end in [i + 1 for i, ch in enumerate(text) if ch == "." and (i + 1 == len(text) or text[i + 1] == " ")]:
        body = text[start:end].strip()
        s = text.index(body, start)
        modality = next((m for k, m in modalities.items() if body.startswith(k)), "happened")
        out.append(Statement(article_id, (s, s + len(body)), body, modality))
        start = end
    return tuple(out)


def article(aid: str, outlet: str, text: str, published: str, position: int) -> Article:
    return Article(
        id=aid, source=f"{aid}.txt", url=None, outlet=outlet, title=text.split(".")[0], authors=(),
        published=published, language="en", text=text, paragraphs=((0, len(text)),),
        extraction_method="test", extraction_confidence=1.0, position=position, content_hash=content_hash(text),
    )


def figure(aid: str, text: str, surface: str, value: float, unit: str, measures: str, modality: str = "happened"):
    return Figure(aid, span(text, surface), surface, value, unit, measures=measures, modality=modality)


def quote(aid: str, text: str, words: str, speaker: str | None, kind: str = "direct") -> Quote:
    return Quote(aid, span(text, words), words, kind, speaker)


def person(aid: str, text: str, name: str) -> Actor:
    return Actor(aid, name, "PERSON", (span(text, name),))


def story_records():
    """(story, articles, facts by article id, derivations)."""
    arts = [
        article("wire", "Wire Daily", WIRE, "2025-03-01", 0),
        article("rewrite", "Rewrite News", REWRITE, "2025-03-01", 1),
        article("report", "Independent Times", REPORT, "2025-03-07", 2),
        article("quiet", "Quiet Post", QUIET, "2025-03-07", 3),
    ]
    expecting = {"The health ministry expects": "expected", "The minister is expected": "expected",
                 "The nurses union": "expected", "Officials are expected": "expected",
                 "Around 1,200 nurses will": "expected", "The staffing plan will": "expected"}
    denied = {"Officials did not": "denied"}
    facts = {
        "wire": ArticleFacts(
            "wire", "preview",
            figures=(
                figure("wire", WIRE, "1,200", 1200, "people", "nurses hired next year", "expected"),
                figure("wire", WIRE, "$3.5 billion", 3.5e9, "USD", "cost of the staffing plan over three years"),
            ),
            quotes=(
                quote("wire", WIRE, "We will not cut wages to pay for it,", "Maria Lopez"),
                quote("wire", WIRE, "golden era", "Maria Lopez", "partial"),
            ),
            actors=(person("wire", WIRE, "Maria Lopez"),),
            statements=sentences("wire", WIRE, expecting),
        ),
        "rewrite": ArticleFacts(
            "rewrite", "preview",
            figures=(
                figure("rewrite", REWRITE, "1,200", 1200, "people", "nurses to be hired next year", "expected"),
                figure("rewrite", REWRITE, "$3.5-billion", 3.5e9, "USD", "cost of the staffing plan over three years"),
            ),
            quotes=(quote("rewrite", REWRITE, "we will not cut wages to pay for it", "Experts", "partial"),),
            statements=sentences("rewrite", REWRITE, expecting),
        ),
        "report": ArticleFacts(
            "report", "report",
            figures=(
                figure("report", REPORT, "1,200", 1200, "people", "nurses hired next year"),
                figure("report", REPORT, "$4.1 billion", 4.1e9, "USD", "cost of the staffing plan over three years"),
            ),
            quotes=(quote("report", REPORT, "golden age", "Maria Lopez", "partial"),),
            actors=(person("report", REPORT, "Maria Lopez"),),
            statements=sentences("report", REPORT, denied),
        ),
        "quiet": ArticleFacts("quiet", "report", statements=sentences("quiet", QUIET, {"The Eastfield": "denied"})),
    }
    derivations = [Derivation(derived="rewrite", source="wire", relation="rewrite", score=0.8)]
    story = Story("s-test", "Hospital staffing plan", "2025-03-01", "2025-03-07", tuple(a.id for a in arts),
                  tuple(a.outlet for a in arts))
    return story, arts, facts, derivations
