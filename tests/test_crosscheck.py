"""Cross-check on a hand-made story (alignment, statuses, laundering,
expectations, omissions) and on the seeds through the real stages."""

from __future__ import annotations

import pytest

from storyweave.crosscheck import check_story
from storyweave.crosscheck.align import same_person, same_value
from storyweave.records import Figure

from crosscheck_fixtures import story_records


@pytest.fixture(scope="module")
def ledger():
    return check_story(*story_records())


def _fact(ledger, kind, text):
    found = [e for e in ledger.facts if e.kind == kind and any(text in m.text for m in e.mentions)]
    assert found, f"no {kind} mentioning {text!r}"
    return found[0]


def test_same_value_tolerates_formatting_and_rounding_not_other_values():
    def fig(value, approx="="):
        return Figure("a", (0, 1), "x", value, "USD", approx=approx)

    assert same_value(fig(14.9e9), fig(14.9e9))
    assert same_value(fig(15e9), fig(14.9e9))  # "$15 billion" is "$14.9 billion" rounded
    assert same_value(fig(54000, "~"), fig(53500))
    assert not same_value(fig(3.5e9), fig(4.1e9))
    assert not same_value(fig(1e12), fig(100e9))


def test_rewrites_count_once(ledger):
    nurses = _fact(ledger, "figure", "1,200")
    assert {m.article_id for m in nurses.mentions} == {"wire", "rewrite", "report"}
    assert nurses.independent_sources == 2  # wire + its rewrite are one line
    assert nurses.status == "corroborated"


def test_different_values_for_one_measured_thing_conflict(ledger):
    cost = _fact(ledger, "figure", "$4.1 billion")
    assert cost.status == "conflicting"
    assert {m.text for m in cost.mentions} == {"$3.5 billion", "$3.5-billion", "$4.1 billion"}
    conflict = next(c for c in ledger.conflicts if c.fact_id == cost.id)
    assert conflict.kind == "value"
    assert sorted(m.text for m in conflict.sides) == ["$3.5 billion", "$4.1 billion"]


def test_happened_vs_denied_conflicts(ledger):
    ward = _fact(ledger, "claim", "did not open its new maternity ward")
    assert ward.status == "conflicting"
    (conflict,) = [c for c in ledger.conflicts if c.fact_id == ward.id]
    assert conflict.kind == "modality"
    assert {m.modality for m in conflict.sides} == {"happened", "denied"}


def test_wording_variants_are_one_fact(ledger):
    golden = _fact(ledger, "quote", "golden era")
    assert {m.text for m in golden.mentions} == {"golden era", "golden age"}
    assert golden.independent_sources == 2


def test_attribution_laundering_is_flagged(ledger):
    (laundered,) = [x for x in ledger.launderings if x.unnamed.article_id == "rewrite"]
    assert laundered.named.speaker == "Maria Lopez"
    assert laundered.unnamed.speaker == "Experts"


def test_expectations(ledger):
    def status_of(text):
        (e,) = [e for e in ledger.expectations if any(text in m.text for m in e.expected)]
        return e

    funding = status_of("announce new hospital funding")
    assert funding.status == "confirmed"
    assert any("announced new hospital funding" in m.text for m in funding.outcome)
    assert status_of("strike vote").status == "pending"
    clinic = status_of("close the northern clinic")
    assert clinic.status == "contradicted"
    assert {m.article_id for m in clinic.expected} == {"wire", "rewrite"}


def test_omissions(ledger):
    nurses = _fact(ledger, "figure", "1,200")
    assert any(o.outlet == "Quiet Post" and o.fact_id == nurses.id for o in ledger.omissions)
    assert not any(o.outlet in nurses.outlets and o.fact_id == nurses.id for o in ledger.omissions)


def test_single_source_and_spans(ledger):
    arts = {a.id: a for a in story_records()[1]}
    for entry in ledger.facts:
        for m in entry.mentions:
            assert arts[m.article_id].text[m.span[0]:m.span[1]] == m.text
    opposition = _fact(ledger, "claim", "Patients groups said")
    assert opposition.status == "single-source"


# ----------------------------------------------------------------- building blocks


def test_complete_clusters_merge_best_first_and_never_chain():
    from storyweave.crosscheck.align import complete_clusters

    # 0~1 and 1~2 are alike but 0 and 2 were never scored: no chain through 1.
    assert complete_clusters(3, {(0, 1): 0.9, (1, 2): 0.8}) == [[0, 1], [2]]
    # The better pair wins the shared member.
    assert complete_clusters(3, {(0, 1): 0.7, (1, 2): 0.8}) == [[0], [1, 2]]
    # Every cross pair scored: one group.
    assert complete_clusters(4, {(0, 1): 0.9, (0, 2): 0.5, (1, 2): 0.6, (2, 3): 0.1}) == [[0, 1, 2], [3]]
    assert complete_clusters(2, {}) == [[0], [1]]


def test_completed_reads_the_tense_of_the_main_verb():
    from storyweave.crosscheck.text import completed, parse

    done = completed(parse([
        "The prime minister visited the site on Thursday.",
        "The two leaders have come together in talks.",
        "The council did not open the bridge.",
        "The prime minister is travelling to the site on Thursday.",
        "The cabinet will approve an emergency fund on Friday.",
    ]))
    assert done["The prime minister visited the site on Thursday."]
    assert done["The two leaders have come together in talks."]
    assert done["The council did not open the bridge."]
    assert not done["The prime minister is travelling to the site on Thursday."]
    assert not done["The cabinet will approve an emergency fund on Friday."]


def test_measured_predicates_tell_killed_from_injured_and_keep_days():
    from storyweave.crosscheck.measured import contexts
    from storyweave.records import Statement

    texts = [
        "Seventeen people were killed when the bridge collapsed on Tuesday.",
        "More than 30 people were injured in the collapse.",
        "At least 14 people died on Tuesday morning.",
    ]
    statements = [Statement(f"a{k}", (0, len(t)), t, "happened") for k, t in enumerate(texts)]
    surfaces = ["Seventeen", "30", "14"]
    figures = [Figure(s.article_id, (s.text.index(w), s.text.index(w) + len(w)), w, 1.0, "people", measures="people")
               for s, w in zip(statements, surfaces)]
    killed, injured, died = contexts([*figures, figures[0]], [*statements, None])[:3]
    assert "kill" in killed.predicate and "injure" in injured.predicate and "die" in died.predicate
    assert "people" in killed.predicate
    assert killed.days == frozenset({"tuesday"}) and injured.days == frozenset()
    assert killed.sentence == ("a0", (0, len(texts[0])))
    orphan = contexts([figures[0]], [None])[0]
    assert orphan.predicate == "" and orphan.sentence is None


@pytest.mark.parametrize("denial,report,conflict", [
    ("The hospital did not open its new maternity ward.", "The hospital opened its new maternity ward on Monday.", True),
    ("The company denied that it had cut 200 jobs.", "The company cut 200 jobs last week.", True),
    ("Nobody was injured, but the fire did $1 million in damage.", "The fire did an estimated $1 million damage.", False),
    ("Right now there is no indication of any connection.", '"Right now there is no indication of any connection," he said.', False),
    ("Police did not say whether anyone was hurt.", "Police said three people were hurt.", False),
    ("The ministry denied reports that the hospital had closed.", "The hospital opened a new ward.", False),
    ("The ministry denied reports that the hospital had closed.", "The hospital closed on Monday.", True),
    ("Police refused to confirm the arrest.", "Police confirmed the arrest of a man.", False),
    ("Officials declined to confirm that three people died.", "Three people died.", False),
    ("The ministry did not confirm the deaths.", "The ministry confirmed the deaths of five people.", True),
    ("The company never announced layoffs.", "The company announced 200 layoffs.", True),
    ("Police did not confirm the deaths.", "Police confirmed the arrest of two men.", False),
    ("The club never announced a transfer fee.", "The club announced on Friday that Smith had signed.", False),
])
def test_a_denial_contradicts_only_what_it_negates(denial, report, conflict):
    """"Nobody was injured" in a sentence about the damage does not deny the damage."""
    from storyweave.crosscheck.text import contradicts, parse

    docs = parse([denial, report])
    assert contradicts(docs[denial], docs[report]) is conflict


def _ledger_of(texts: dict[str, str], derivations=()):
    """The cross-check of one story made of ``texts`` (id -> text), each from its own outlet,
    through the real facts stage; without ``derivations`` each article is its own line."""
    from storyweave.facts import extract_facts
    from storyweave.records import Article, Story

    arts = [Article(k, f"{k}.txt", None, f"Outlet {k.upper()}", "", (), None, "en", t, (), "text", 1.0)
            for k, t in texts.items()]
    facts = {f.article_id: f for f in extract_facts(arts, n_process=1)}
    story = Story("s", "Story", None, None, tuple(texts), tuple(a.outlet for a in arts))
    return check_story(story, arts, facts, list(derivations))


def test_an_article_giving_both_counts_keeps_them_apart():
    """Two counts one article gives side by side ("five women and two children were inside")
    are two things, not rival versions of one; a death toll two outlets give differently is."""
    ledger = _ledger_of({
        "a": "Five women and two children were inside the church when the fire started on Friday, Fire Chief James Steele said. At least 14 people were killed.",
        "b": "Two children were inside the church when the fire started on Friday, Fire Chief James Steele said. Seventeen people were killed.",
        "c": "Five women were inside the church when the fire started on Friday, Fire Chief James Steele said.",
    })
    sides = [{m.text.strip().lower() for m in c.sides} for c in ledger.conflicts if c.kind == "value"]
    assert {"14 people", "seventeen people"} in sides
    assert not any("two children" in s for s in sides)


def test_a_toll_revised_across_sentences_stays_a_conflict():
    """An article giving both tolls in different sentences revised one: outlets still disagree."""
    ledger = _ledger_of({
        "a": "The collapse killed at least 14 people, police said on Saturday morning. By the evening officials said 17 people were killed.",
        "b": "At least 14 people were killed when the bridge collapsed, police said.",
        "c": "Seventeen people were killed when the bridge collapsed, officials said.",
    })
    assert any(c.kind == "value" and {m.value for m in c.sides} == {14, 17} for c in ledger.conflicts)


def test_yards_for_different_numbers_of_catches_are_not_one_figure():
    """Per-game and season totals share a unit and a predicate; the counts they are "for" differ."""
    ledger = _ledger_of({
        "a": "In the first meeting with the Steelers this season, Jackson was held to just two catches for 25 yards.",
        "b": "Jackson enjoyed the best of his four NFL seasons in 2008 with 59 catches for 1,098 yards.",
        "c": "Jackson finished the 2008 season with 59 catches for 1,089 yards.",
    })
    sides = [{m.value for m in c.sides} for c in ledger.conflicts if c.kind == "value"]
    assert {1098, 1089} in sides and not any(25 in s for s in sides)
    # the count of a place or occasion ("in three attacks") is a rival figure itself, not a scope
    ledger = _ledger_of({"a": "Gunmen killed 10 people in three coordinated attacks on Friday.",
                         "b": "Gunmen killed 12 people in four coordinated attacks on Friday."})
    assert any({m.value for m in c.sides} == {3, 4} for c in ledger.conflicts if c.kind == "value")


def test_a_rate_and_the_count_it_is_of_are_one_figure():
    """"40,000 vehicles a day" and "carries 40,000 vehicles" are one figure though one outlet
    leaves out the "a day"; a rate never matches another unit's amount."""
    from storyweave.crosscheck.align import may_share_unit

    ledger = _ledger_of({
        "a": "The 57-year-old steel truss bridge links the city centre with the container terminals and carries "
             "around 40,000 vehicles a day.",
        "b": "The bridge, which carries 40,000 vehicles between the city centre and the container terminals, was "
             "built in 1968.",
    })
    (vehicles,) = [e for e in ledger.facts if e.kind == "figure" and e.mentions[0].value == 40000]
    assert {m.unit for m in vehicles.mentions} == {"vehicle/day", "vehicle"} and vehicles.status == "corroborated"
    assert may_share_unit("USD/share", "USD") and may_share_unit(None, "people")
    assert not may_share_unit("USD/share", "EUR") and not may_share_unit("vehicle/day", "vehicle/hour")
    assert not may_share_unit("people", "USD")


def test_sentences_about_an_unresolved_this_are_not_one_claim():
    """"This aligns with Trump's ambition ..." follows cybersecurity talks in one outlet and LNG
    purchases in the other: the shared predicate does not make them one corroborated statement."""
    ledger = _ledger_of({
        "a": "The leaders agreed to strengthen cybersecurity and space cooperation. This aligns with Trump's "
             "ambition to unleash American energy exports globally.",
        "b": "Ishiba is expected to propose increasing Japan's imports of U.S. liquefied natural gas. This move "
             "aligns with Trump's energy strategy of boosting U.S. oil and gas exports.",
    })
    assert not [e for e in ledger.facts if e.kind == "claim" and len({m.article_id for m in e.mentions}) > 1]


def test_counts_of_different_groups_of_one_noun_are_no_rival_values():
    """"Eight of the jurors were black" and "I talked to two jurors" count different jurors: a
    copula's complement says what is counted, so "juror be black" is no rival of "juror talk"."""
    ledger = _ledger_of({
        "a": "The county is 43 percent black. Eight of the jurors were black.",
        "b": '"I talked to two jurors and they both say that some people showed up for jury duty with their '
             'minds already made up," Howard said Saturday.',
    })
    assert not [c for c in ledger.conflicts if c.kind == "value"]


@pytest.mark.parametrize("a,b,conflict", [
    ('"The bridge will reopen within a week," Mayor Jan Olsen said.',
     '"The bridge will reopen within a week," engineer Petra Lind said.', True),
    ('"The bridge will reopen within a week," Mayor Jan Olsen said.',
     "Engineer Petra Lind said the bridge would reopen within a week.", True),
    ("Mayor Jan Olsen said the bridge would reopen within a week.",
     "Engineer Petra Lind said the bridge would reopen within a week.", False),
    # one quote for the short wording alike, yet not the same words: no speaker is disputed
    ('"She checked in herself - it was her decision," her representative Jack Ketsoyan told People magazine.',
     "Tara Reid said in an interview last year that she needed to be checked in without really saying why she "
     "was going in.", False),
])
def test_same_words_from_two_speakers_conflict_alike_paraphrases_do_not(a, b, conflict):
    ledger = _ledger_of({"a": a, "b": b})
    assert any(c.kind == "speaker" for c in ledger.conflicts) is conflict


def test_words_credited_to_a_described_person_have_not_lost_their_speaker():
    named = 'Brian Nichols addressed the court. "I will not bring dishonor to the decision to spare my life," Nichols said.'
    ledger = _ledger_of({
        "a": named,
        "b": 'The judge spoke first. "I will not bring dishonor to the decision to spare my life," the convicted killer said.',
        "c": 'The hearing ended. "I will not bring dishonor to the decision to spare my life," observers said.',
    })  # fmt: skip
    assert [(x.unnamed.article_id, x.unnamed.speaker, x.named.speaker) for x in ledger.launderings] == [
        ("c", "observers", "Brian Nichols")]


def test_a_one_word_name_the_model_missed_is_the_speaker_another_outlet_names():
    vote = '"I still do not know who I am supposed to vote for,"'
    ledger = _ledger_of({"a": f"{vote} said Ogulbibi Durdyeva, a teacher, on Friday.", "b": f"{vote} said Ogulbibi, a teacher."})
    assert [(x.unnamed.speaker, x.named.speaker) for x in ledger.launderings] == []


def test_a_rewrite_whose_quote_names_the_speaker_has_not_laundered_it():
    """Provenance may miss a rewrite's attribution while aligning; the rewrite's own quote credits
    the speaker by name, so nothing was lost."""
    from storyweave.records import Derivation

    words = '"I will not bring dishonor to the decision to spare my life,"'
    texts = {"a": f"{words} Brian Nichols told the court on Friday.", "b": f"{words} said Brian Nichols, 36."}
    dropped = Derivation("b", "a", "rewrite", 0.6, dropped_attributions=({"text": words.strip('",'), "speaker": "Brian Nichols"},))
    assert _ledger_of(texts, [dropped]).launderings == ()


@pytest.mark.parametrize("a,b,same", [
    ("Vincent", "Judge Vincent DelGiudice", True),  # a first name inside the full name
    ("Vincent Del Giudice", "Judge Vincent DelGiudice", True),  # one surname spaced two ways
    ("Mayor Jan Olsen", "Olsen", True),
    ("Jan Olsen", "Petra Lind", False),
    ("Smith", "Goldsmith", False),
    ("Andrew Wetzler", "Andrew Welzler", True),  # one letter misspelt
    ("Andrew Wetzler", "Andrew Wexler", False),
    ("Andrew Wetzler", "Janette Welzler", False),
    ("Andrew Wetzler", "Janette Wetzler", False),  # one surname, two first names
    ("Stephen King", "Stephen Colbert", False),  # "King" is a name here, not a title
    ("Dave Gaskin", "Inspector Gaskin", True),  # a police rank leads the name
    ("Insp Gaskin", "Det. Sgt. Dave Gaskin", True),
    ("Paul Smith", "Paula Smith", False),  # a name opening another is no short form of it
    ("Al Gore", "Al Gorre", True),
    ("J. Smith", "John Smith", True),
    ("", "", False),
])
def test_same_person_as_outlets_write_names(a, b, same):
    assert same_person(a, b) is same
    assert same_person(b, a) is same


def test_one_persons_words_under_two_spellings_of_the_name_are_no_conflict():
    ledger = _ledger_of({
        "a": '"The man is an emotional wreck," Judge Vincent DelGiudice said on Tuesday.',
        "b": '"The man is an emotional wreck," Vincent Del Giudice said after the hearing.',
    })
    assert not [c for c in ledger.conflicts if c.kind == "speaker"]


def test_one_word_measure_that_is_no_unit_aligns_a_figure_across_outlets():
    """"a mother of 12" in two outlets is one fact: "mother" says what is counted, as "people" would not."""
    ledger = _ledger_of({
        "a": "Zurana Horton, 34, a mother of 12, was shot dead outside a Brooklyn school on Friday, police said.",
        "b": "A gang member was convicted on Tuesday of killing a mother of 12 outside a Brooklyn school.",
    })
    (twelve,) = [e for e in ledger.facts if e.kind == "figure" and e.label == "12"]
    assert twelve.outlets == ("Outlet A", "Outlet B")


def test_a_quote_is_credited_under_the_fullest_name_outlets_give():
    ledger = _ledger_of({
        "a": 'The judge spoke after the verdict. "The man is an emotional wreck," Vincent said.',
        "b": '"The man is an emotional wreck," Judge Vincent DelGiudice said after the hearing.',
    })
    (quote,) = [e for e in ledger.facts if e.kind == "quote"]
    assert quote.about == "Vincent DelGiudice"


def test_a_surname_two_people_share_keeps_its_one_word():
    from storyweave.crosscheck.ledger import _fullest_name
    from storyweave.records import Actor

    def person(name):
        return Actor("a", name, "PERSON", (), ())

    both = [(person("Bill Clinton"),), (person("Hillary Clinton"), person("Ban Ki-moon"))]
    assert _fullest_name("Clinton", both) == "Clinton"
    assert _fullest_name("Hillary", both) == "Hillary Clinton"
    assert _fullest_name("Ban", both) == "Ban Ki-moon"
    # spellings of one name: the one more articles give, whatever the order of the sets
    spelt = [(person("Vincent DelGiudice"),), (person("Vincent Delgiudice"),), (person("Vincent DelGiudice"),)]
    assert _fullest_name("Vincent", spelt) == "Vincent DelGiudice"
    assert _fullest_name("Vincent", [(person("Vincent DelGiudice"),), (person("Vincent Del Giudice"),)]) in (
        "Vincent DelGiudice", "Vincent Del Giudice")


def test_a_shared_phrase_joins_one_persons_quotes_not_three_peoples():
    """"Fix It" sits in three people's sentences: three quotes, no speaker conflict. "power vacuum"
    joins a paraphrase and a direct quote credited to one person."""
    ledger = _ledger_of({
        "a": 'Microsoft released a "Fix It" tool on Monday. "With the Fix It out, any attacker who is a bit '
             'sophisticated can figure out what the flaw is," said Wolfgang Kandek, chief technology officer at Qualys.',
        "b": '"For less technical users that are not comfortable with Fix It solutions, using another browser '
             'is the best option," said Paul Henry, a security analyst at Lumension.',
        "c": 'The company urged users to apply the "Fix It" workaround.',
        "d": 'Ishiba said a U.S. presence in the region is essential to avoid a "power vacuum" that could lead to instability.',
        "e": "Tokyo must 'continue to secure the US commitment to the region, to avoid a power vacuum leading to "
             "regional instability,' Ishiba told parliament.",
    })
    assert not [c for c in ledger.conflicts if c.kind == "speaker"]
    quotes = [e for e in ledger.facts if e.kind == "quote"]
    kandek = [e for e in quotes if any("attacker" in m.text for m in e.mentions)]
    assert len(kandek) == 1 and not any("less technical" in m.text for m in kandek[0].mentions)
    (vacuum,) = [e for e in quotes if any("US commitment" in m.text for m in e.mentions)]
    assert {m.article_id for m in vacuum.mentions} == {"d", "e"}


def test_a_term_in_quotation_marks_disputes_no_speaker():
    ledger = _ledger_of({
        "a": 'Senator Barbara Boxer said: "This midnight regulation is part of a continuing effort to repeal '
             'our landmark environmental laws through the back door."',
        "b": 'Janette Brimmer, a lawyer at Earthjustice, said the rule was a "midnight regulation".',
    })
    assert not [c for c in ledger.conflicts if c.kind == "speaker"]



def test_a_count_in_a_clause_on_a_place_is_the_count_told_of_the_place():
    """"the campus in Calder, where about 600 people work" and "600 people work at the campus"
    count the same people: a relative clause's predicate takes the noun it describes, and a
    two-word predicate inside the other's names the same thing."""
    ledger = _ledger_of({
        "a": "About 600 people work at the campus on the Riverside business park, most of them scientists.",
        "b": "The statement did not say what would happen to Vireo's research campus in Calder, where about "
             "600 people work.",
    })
    (six_hundred,) = [e for e in ledger.facts if e.kind == "figure" and e.mentions[0].value == 600]
    assert six_hundred.status == "corroborated" and len(six_hundred.mentions) == 2


def test_a_death_toll_is_the_count_of_people_killed():
    """"puts the death toll at 17" backs "Seventeen people were killed" against "14 people were
    killed": the toll counts people, and it is told as what it counts."""
    ledger = _ledger_of({
        "a": "At least 14 people were killed when the bridge collapsed on Tuesday, the fire chief said.",
        "b": "Seventeen people were killed when the bridge collapsed, the health ministry said.",
        "c": "The harbour reopened on Saturday. The health ministry puts the death toll at 17.",
    })
    (toll,) = [c for c in ledger.conflicts if c.kind == "value"]
    assert sorted(toll.lines) == [1, 2]
    (fact,) = [e for e in ledger.facts if e.id == toll.fact_id]
    assert {m.article_id for m in fact.mentions if m.value == 17} == {"b", "c"}


def test_a_figure_on_the_deal_noun_is_the_deals_value():
    """"expected the $2.4 billion deal to close" gives the deal's value, as "a deal valued at $2.4
    billion" and "the takeover values Vireo at $2.4 billion" do; it joins their side against $2.1
    billion rather than standing alone."""
    ledger = _ledger_of({
        "a": "Aldenbrook will buy Vireo in a deal valued at $2.4 billion including debt, the companies said.",
        "b": "The takeover, announced on Monday, values Vireo at $2.4 billion including debt, according to the "
             "companies.",
        "c": "The decision is a setback for Aldenbrook, which had said it expected the $2.4 billion deal to close "
             "in the fourth quarter.",
        "d": "Aldenbrook agreed to buy Vireo in a deal worth $2.1 billion, according to Gazette calculations.",
    })
    (value,) = [c for c in ledger.conflicts if c.kind == "value"]
    (fact,) = [e for e in ledger.facts if e.id == value.fact_id]
    assert {m.article_id for m in fact.mentions if m.value == 2.4e9} == {"a", "b", "c"}


def test_one_persons_age_however_outlets_name_them_is_one_figure():
    """"Tara Reid, 33," "Reid's, 33," and "Tara, 33," give one person's age: one corroborated
    figure, not three single-source ones; "the actress, 33," and "the 33-year-old actress" too."""
    ledger = _ledger_of({
        "a": "Tara Reid, 33, has entered a treatment center in Malibu, her rep said.",
        "b": "Tara Reid checked herself in on Tuesday. Reid's, 33, acting abilities had always been overshadowed "
             "by her reputation.",
        "c": "Tara Reid has checked herself into rehab. Tara, 33, was previously engaged to Carson Daly.",
        "d": "The actress, 33, reportedly headed to a Malibu treatment facility on Tuesday.",
        "e": "The 33-year-old actress finally decided to get help, her rep told People.",
    })
    ages = sorted((sorted(m.article_id for m in e.mentions), e.status) for e in ledger.facts
                  if e.kind == "figure" and e.mentions[0].value == 33)  # fmt: skip
    assert ages == [(["a", "b", "c"], "corroborated"), (["d", "e"], "corroborated")]


def test_a_possessive_description_still_credits_someone():
    """'her rep', "Reid's publicist" are one person the article does not name, not 'experts say':
    words credited to them keep their attribution."""
    from storyweave.crosscheck.align import credits_someone

    assert credits_someone("her rep", ()) and credits_someone("Reid's publicist", ())
    assert not credits_someone("experts", ()) and not credits_someone("their sources", ())


def test_a_description_holding_a_name_is_no_name_and_a_short_first_name_is_the_same_person():
    """'A police spokesman' is not the organisation Police; 'Ray Kelly' and 'Raymond Kelly' are one
    commissioner, 'Paul' and 'Paula' two people."""
    from storyweave.crosscheck.align import is_named, same_person
    from storyweave.records import Actor

    police = Actor("a", "Police", "ORG", ((0, 6),))
    assert not is_named("A police spokesman", [police]) and is_named("Police", [police])
    assert not is_named("a Bukit Sama village resident", [Actor("a", "Bukit", "ORG", ((0, 5),))])
    assert same_person("Ray Kelly", "Raymond Kelly") and same_person("Rob Ford", "Robert Ford")
    assert not same_person("Paul Smith", "Paula Smith") and not same_person("Daniel Roe", "Danielle Roe")


def test_a_round_number_is_no_rounding_of_a_value_far_from_it():
    """"about 100" is not "at least 70" rounded, nor is a poll of "1,000" one of "520": a round
    number's trailing zeros do not make it stand for anything within half its leading digit, so
    the 100 is no mention backing the 70 (a rival value at most). "97" still rounds to "100"."""
    def fig(value, approx="="):
        return Figure("a", (0, 1), "x", value, "people", approx=approx)

    assert not same_value(fig(70, ">="), fig(100, "~")) and not same_value(fig(520), fig(1000))
    assert same_value(fig(97), fig(100)) and same_value(fig(15e9), fig(14.9e9))
    ledger = _ledger_of({
        "a": "Violence has spread to a dozen cities, leaving at least 70 people injured.",
        "b": "The riots in cities throughout the country have left at least 70 people injured.",
        "c": "About 100 people have been injured.",
    })
    (seventy,) = [e for e in ledger.facts if e.kind == "figure" and any(m.value == 70 for m in e.mentions)]
    backing = [m for m in seventy.mentions if m.value == 70]
    assert {m.article_id for m in backing} == {"a", "b"}
    assert seventy.status != "corroborated" or all(m.value == 70 for m in seventy.mentions)


def test_a_figure_of_another_time_or_a_legal_threshold_is_no_rival_version():
    """The 2004 tsunami's dead, last year's quake 431 km off the coast and the turnout a law
    requires are not rival versions of today's toll, depth and turnout; today's tolls that differ
    still conflict."""
    ledger = _ledger_of({
        "a": "At least five people were killed by the quake, the UN said. The quake struck 10 kilometres off "
             "Banda Aceh. Authorities said turnout reached 93.87 percent.",
        "b": "Two people were killed by the quake, officials said. A quake in 2004 killed more than 220,000 "
             "people. In April last year an 8. 6 - magnitude quake struck 431 kilometres off "
             "Banda Aceh. Under the law, the election can only be declared valid with a turnout of more than "
             "50 percent.",
    })
    facts = {e.id: e for e in ledger.facts}
    rivals = [{m.value for m in facts[c.fact_id].mentions} for c in ledger.conflicts if c.kind == "value"]
    assert {2, 5} in rivals
    assert not any(v & {220000, 431, 50} for v in rivals)


def test_one_count_of_an_institutions_seats_is_one_figure_however_outlets_name_it():
    """"125 seats in the legislature", "125 seats in the parliament" and "the 125 seats" count one
    thing: one corroborated figure. A council's 125 seats are another institution's."""
    ledger = _ledger_of({
        "a": "A total of 288 candidates are vying for the 125 seats in the legislature.",
        "b": "Almost all of the candidates running for 125 seats in the parliament came from the ruling party.",
        "c": "But out of the candidates running for the 125 seats Sunday, more than half are party members.",
        "d": "Separately, the city council of the capital has 125 seats.",
    })
    seats = sorted(sorted(m.article_id for m in e.mentions) for e in ledger.facts
                   if e.kind == "figure" and e.mentions[0].value == 125)  # fmt: skip
    assert seats == [["a", "b", "c"], ["d"]]


def test_a_denied_claim_is_never_one_quote_with_the_claim():
    """"Gotcher denied that Simpson was the father of Flynn's baby" and another outlet's "Simpson
    was the father of Flynn's baby" share their words and say opposite things: grouped, the brief
    flagged an "attribution lost" that had the defence lawyer agree with the prosecution."""
    from storyweave.crosscheck.align import quote_clusters
    from storyweave.crosscheck.text import Vectors
    from storyweave.records import Quote

    words = "Simpson was the father of Flynn's baby, according to the tests"
    claim = Quote("a", (0, 10), words, "indirect", "A DNA expert", cue="testified")
    denial = Quote("b", (0, 10), words, "indirect", "Warren Gotcher", cue="denied")
    repeat = Quote("c", (0, 10), words, "indirect", "Lab official", cue="said")
    vectors = Vectors([words])
    assert quote_clusters([claim, denial, repeat], vectors) == [[0, 2], [1]]
    assert quote_clusters([claim, repeat], vectors) == [[0, 1]]
