"""The extraction stage on the seed story, a handmade page and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyweave import ids
from storyweave.extract import MAX_BYTES, extract
from storyweave.extract.boilerplate import clean_lines
from storyweave.extract.decode import decode
from storyweave.extract.metadata import without_site_name
from storyweave.extract.text import rejoin_split_tokens, unglue_sentences
from storyweave.records import Article, RawDocument, Rejected

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SEEDS = DATA / "seeds"
EXPECTED = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))


def seed(key: str) -> Article:
    path = next(SEEDS.glob(f"{key}_*.txt"))
    result = extract(RawDocument(source=str(path), content=path.read_bytes(), kind="text"))
    assert isinstance(result, Article), result
    return result


@pytest.mark.parametrize("key", sorted(EXPECTED["articles"]))
def test_seed_boilerplate_removed_and_body_kept(key):
    article = seed(key)
    for junk in EXPECTED["boilerplate_removed"].get(key, []):
        assert junk not in article.text, junk
    for body in EXPECTED["body_kept"].get(key, []):
        assert body in article.text, body


@pytest.mark.parametrize("key", sorted(EXPECTED["articles"]))
def test_seed_article_fields(key):
    article = seed(key)
    path = next(SEEDS.glob(f"{key}_*.txt"))
    assert article.outlet == path.stem  # no metadata, no URL: the file names the outlet
    assert article.language == "en"
    assert article.extraction_method == "text"
    assert not article.teaser
    assert article.content_hash == ids.content_hash(article.text)
    assert article.id == ids.article_id(None, article.content_hash)
    assert "\n\n".join(article.text[s:e] for s, e in article.paragraphs) == article.text
    assert all("\n" not in article.text[s:e] for s, e in article.paragraphs)


def test_seed_title_line_detected_and_repeat_dropped():
    article = seed("000")
    assert article.title == "Japan and US Forge Stronger Ties Amid Strategic Talks"
    assert article.title not in article.text
    # 004 opens with a one-sentence summary: a lead paragraph, not a title.
    lead = seed("004")
    assert lead.text.startswith(lead.title.rstrip("…").strip())


def test_seed_subheadings_kept_as_paragraphs():
    article = seed("003")
    paragraphs = [article.text[s:e] for s, e in article.paragraphs]
    headings = [p for p in paragraphs if len(p.split()) <= 8 and not p.endswith(".")]
    assert len(headings) >= 4  # the section headings of the rewrite are body structure
    assert len(paragraphs) == 24  # every line of 003 is body


def test_glued_sentences_split_but_abbreviations_kept():
    assert unglue_sentences("told AFP.One example") == "told AFP. One example"
    assert unglue_sentences("his parliament.Trump and Ishiba") == "his parliament. Trump and Ishiba"
    assert unglue_sentences("the U.S.Army and Node.js") == "the U.S.Army and Node.js"
    assert "parliament. Trump" in seed("004").text or "parliament.Trump" not in seed("004").text


def test_contractions_spaced_apart_are_rejoined():
    text = "The City Attorney ’ s office said the case hadn ’ t been submitted."
    assert rejoin_split_tokens(text) == "The City Attorney’s office said the case hadn’t been submitted."
    assert rejoin_split_tokens("Chargers ' Jackson will play.") == "Chargers ' Jackson will play."


@pytest.mark.parametrize("split,joined", [
    ("a fine of $10, 000 and bail of $200, 000.", "a fine of $10,000 and bail of $200,000."),
    ("valued at $1, 250, 000 in 2012", "valued at $1,250,000 in 2012"),
    ("the fire was reported at 3: 30 a. m. and out by 11 p. m.", "the fire was reported at 3:30 a.m. and out by 11 p.m."),
    # what is no split number stays: a list, a year, a date before a count, a heading
    ("100,000, 200,000 or 250,000 refugees", "100,000, 200,000 or 250,000 refugees"),
    ("In 2008, 100 people came", "In 2008, 100 people came"),
    ("On May 5, 200 people marched", "On May 5, 200 people marched"),
    ("Chapter 3: 30 ways to cook", "Chapter 3: 30 ways to cook"),
])
def test_detokenised_numbers_and_clock_times_are_joined(split, joined):
    """ECB+ copy splits "$200,000" and "3:30 a.m." as it splits "hadn ’ t": the figures stage read
    "$200" and a "30 a." figure."""
    assert rejoin_split_tokens(split) == joined


def test_line_rules_keep_prose_and_tables():
    lines = [
        "Harbour Barrier Opens",
        "The barrier opened on Thursday after six years of work, officials said.",
        "| Year | Cost | Homes |",
        "Trade and Economic Discussions",
        "Storm Surge Flood Defence Eastmouth Council Budget",
        "© 2024 The Coastal Gazette. All rights reserved.",
        "Sign up for our newsletter to get the news delivered to your inbox.",
        "Related stories",
        "Storm warning issued for the weekend",
        "Council approves new budget",
        "12 comments",
        "Great article, thanks for writing it up so clearly.",
    ]
    assert clean_lines(lines, title="Harbour Barrier Opens") == [
        "The barrier opened on Thursday after six years of work, officials said.",
        "| Year | Cost | Homes |",
        "Trade and Economic Discussions",
    ]


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour city opens new tide barrier | The Coastal Gazette</title>
<meta property="og:site_name" content="The Coastal Gazette">
<meta property="og:title" content="Harbour city opens new tide barrier">
<meta name="author" content="Maria Lindqvist">
<meta property="article:published_time" content="2024-03-14T08:30:00Z">
<link rel="canonical" href="https://www.coastal-gazette.example/news/tide-barrier?utm_source=feed#top">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
<main><article>
<h1>Harbour city opens new tide barrier</h1>
<p>The harbour city of Eastmouth opened its new tide barrier on Thursday after six years of
construction, the council said in a statement.</p>
<p>The barrier, which cost 420 million euros, is designed to protect about 80,000 homes from storm
surges that engineers expect to become more frequent as sea levels rise over the coming decades.</p>
<p>"This is the largest investment in flood defence the region has ever made," said council leader
Anna Berg, who opened the gates at a ceremony attended by several hundred residents.</p>
<p>Critics argued that the project ran two years late and almost 30 percent over budget, and that
smaller villages along the estuary remain exposed to flooding.</p>
<p>The council said a second phase covering the villages would be put out to tender next year.</p>
</article>
<section class="related"><h2>Related stories</h2><ul>
<li><a href="/news/a">Storm warning issued for the weekend</a></li>
<li><a href="/news/b">Council approves new budget</a></li></ul></section>
<section id="comments"><h3>3 comments</h3><div class="comment"><p>Great news for everyone living near
the river, finally something is being done about this.</p></div></section>
</main>
<footer><p>© 2024 The Coastal Gazette. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/contact">Contact us</a></p></footer>
</body></html>"""


def test_html_page_body_and_metadata():
    article = extract(RawDocument(source="page.html", content=PAGE.encode("utf-8"), kind="html"))
    assert isinstance(article, Article), article
    assert article.text.startswith("The harbour city of Eastmouth opened")
    assert article.text.endswith("put out to tender next year.")
    assert len(article.paragraphs) == 5
    for junk in ("Home", "Weather", "Related stories", "Storm warning", "comments", "Great news", "©", "Privacy"):
        assert junk not in article.text, junk
    assert article.title == "Harbour city opens new tide barrier"
    assert article.outlet == "The Coastal Gazette"
    assert article.authors == ("Maria Lindqvist",)
    assert article.published == "2024-03-14"
    assert article.url == "https://www.coastal-gazette.example/news/tide-barrier"
    assert article.id == ids.article_id(article.url, article.content_hash)
    assert article.language == "en"
    assert article.extraction_method == "trafilatura"
    assert 0 < article.extraction_confidence <= 1


def test_meta_tags_after_an_early_head_close_still_name_the_outlet():
    # a <noscript> pixel closes the head early; the og: tags the page meant for its head land in the
    # body, where trafilatura does not look, and the outlet fell back to the file's name
    page = PAGE.replace('<meta property="og:site_name" content="The Coastal Gazette">', "").replace(
        "</head><body>", '<noscript></noscript></head><body><img src="https://pixel.example/p.gif">'
        '<meta property="og:site_name" content="The Coastal Gazette">'
        '<meta property="og:url" content="https://www.coastal-gazette.example/news/tide-barrier">')
    article = extract(RawDocument(source="4f1c9e2b.html", content=page.encode("utf-8"), kind="html"))
    assert isinstance(article, Article), article
    assert article.outlet == "The Coastal Gazette"


def test_declared_metadata_wins():
    raw = RawDocument(
        source="feed.json#3",
        content=PAGE.encode("utf-8"),
        kind="html",
        metadata={"title": "Tide barrier opens", "outlet": "Gazette Wire", "authors": ["A. Writer", "B. Editor"],
                  "published": "2024-03-13", "url": "https://Example.org/story?utm_medium=rss", "language": "en"},
    )  # fmt: skip
    article = extract(raw)
    assert isinstance(article, Article)
    assert (article.title, article.outlet, article.authors, article.published) == (
        "Tide barrier opens", "Gazette Wire", ("A. Writer", "B. Editor"), "2024-03-13")  # fmt: skip
    assert article.url == "https://example.org/story"


_BODY = (
    "Philadelphia hired Maurice Cheeks as head coach on Monday, a day after firing Jim O'Brien "
    "following one season in charge. Cheeks, a former Sixers guard, signed a four-year contract."
)


@pytest.mark.parametrize(
    "text, title, published",
    [
        (f"Tuesday, May 24, 2005\n\nSixers hire Maurice Cheeks\n\n{_BODY}", "Sixers hire Maurice Cheeks", "2005-05-24"),
        (f"Sixers hire Cheeks\n\n16 September 2013 Last updated at 12: 42 GMT\n\n{_BODY}", "Sixers hire Cheeks", "2013-09-16"),
        (f"Sixers hire Cheeks\n\non Mar 8 2013, 11: 55p\n\n{_BODY}", "Sixers hire Cheeks", "2013-03-08"),
        (f"Sixers hire Cheeks\n\nFirst Published: June 13, 2013 4:59 PM EDT\n\n{_BODY}", "Sixers hire Cheeks", "2013-06-13"),
        (f"Sixers hire Cheeks\n\nFiled at 3 p.m., May 2, 2013\n\n{_BODY}", "Sixers hire Cheeks", "2013-05-02"),
        (f"Sixers hire Cheeks\n\nPublished: 04/05/2013\n\n{_BODY}", "Sixers hire Cheeks", None),  # day or month first?
        # time stamps with words beside the date: no date line, but the body loses them and their date is the page's
        (f"Sixers hire Cheeks\n\n8: 05am UK, Monday 16 September 2013\n\n{_BODY}", "Sixers hire Cheeks", "2013-09-16"),
        (f"Sixers hire Cheeks\n\nMonday 16 September 2013 03. 31 BST\n\n{_BODY}", "Sixers hire Cheeks", "2013-09-16"),
        (f"Sixers hire Cheeks\n\nBy Ann Lee | May 24, 2005\n\n{_BODY}", "Sixers hire Cheeks", "2005-05-24"),
    ],
)  # fmt: skip
def test_date_line_of_a_text_file_is_its_date_not_its_title(text, title, published):
    article = extract(RawDocument(source="cheeks.txt", content=text.encode(), kind="text"))
    assert isinstance(article, Article)
    assert (article.title, article.published) == (title, published)
    assert article.text == _BODY


@pytest.mark.parametrize(
    "line",
    ["Flashback: the draft of June 28, 1988", "Read more: Sixers fired Ayers on Feb. 10, 2005",
     "Sixers hire Cheeks on May 24 2005"],  # a caption, a teaser, the title again
)  # fmt: skip
def test_a_dated_line_that_says_more_than_a_stamp_does_not_date_the_text(line):
    text = f"{line}\n\n{_BODY}"
    article = extract(RawDocument(source="c.txt", content=text.encode(), kind="text",
                                  metadata={"title": "Sixers hire Cheeks on May 24, 2005"}))  # fmt: skip
    assert isinstance(article, Article) and article.published is None


def test_date_in_prose_or_in_the_title_is_not_the_date():
    text = f"Sixers hire Cheeks on May 24, 2005\n\nOn May 24, 2005 the Sixers hired a coach.\n\n{_BODY}"
    article = extract(RawDocument(source="cheeks.txt", content=text.encode(), kind="text"))
    assert isinstance(article, Article)
    assert article.published is None
    assert "On May 24, 2005 the Sixers hired a coach." in article.text
    declared = extract(RawDocument(source="c.txt", content=f"May 23, 2005\n\n{_BODY}".encode(), kind="text",
                                   metadata={"published": "2005-05-25"}))  # fmt: skip
    assert isinstance(declared, Article) and declared.published == "2005-05-25"


def test_malformed_html_still_extracted():
    broken = PAGE.split("</article>")[0].replace("</p>", "")  # unclosed paragraphs, no closing tags
    article = extract(RawDocument(source="broken.html", content=broken.encode("utf-8"), kind="html"))
    assert isinstance(article, Article)
    assert "largest investment in flood defence" in article.text


def test_outlet_from_url_when_page_names_none():
    html = PAGE.replace('<meta property="og:site_name" content="The Coastal Gazette">', "")
    raw = RawDocument(source="p.html", content=html.encode(), kind="html")
    assert extract(raw).outlet == "coastal-gazette.example"  # the canonical link's domain
    html = html.replace("https://www.coastal-gazette.example/news/tide-barrier", "/news/tide-barrier")
    raw = RawDocument(source="p.html", content=html.encode(), kind="html", metadata={"url": "https://news.example.com/a"})
    assert extract(raw).outlet.endswith("example.com")


@pytest.mark.parametrize(
    ("content", "kind", "reason"),
    [
        (b"", "text", "empty"),
        (b"  \n\t \n", "html", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "html", "binary"),
        (b"%PDF-1.4\n" + bytes(range(32)) * 40, "text", "binary"),
        (b"\xff\xfe\x00\xd8", "text", "undecodable"),  # UTF-16 mark, then half a surrogate pair
        (b"<<<>>> <p <div>>>", "html", "no-text"),
        (b"<html><body><div><p>unclosed <b>tag", "html", "too-short"),
        (b"Loading...\nRead more \xc2\xbb\nTags\n", "text", "too-short"),
    ],
)
def test_bad_input_rejected_with_reason(content, kind, reason):
    result = extract(RawDocument(source="bad", content=content, kind=kind))
    assert isinstance(result, Rejected)
    assert (result.stage, result.reason) == ("extract", reason)
    assert result.detail


def test_a_short_body_says_how_short_in_words_that_agree():
    result = extract(RawDocument(source="bad", content=b"<html><body><p>Hello</p></body></html>", kind="html"))
    assert result.reason == "too-short" and "the body has 1 of the" in result.detail, result.detail


def test_too_large_rejected():
    result = extract(RawDocument(source="big", content=b"a " * (MAX_BYTES // 2 + 1), kind="text"))
    assert isinstance(result, Rejected) and result.reason == "too-large"


def test_decoding_bom_declared_and_detected():
    text = "Le café de la gare a rouvert ses portes après des années de travaux, a annoncé la mairie. " * 3
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8")).text == text
    html = f'<html><head><meta charset="iso-8859-1"></head><body><p>{text}</p></body></html>'
    assert "café" in decode(html.encode("latin-1")).text
    assert "café" in decode(text.encode("cp1252")).text  # nothing declared: detected
    assert decode(text.encode("utf-16")).text == text


def test_teasers_flagged():
    short = "Officials in Eastmouth said on Thursday that the tide barrier would open next week after delays."
    article = extract(RawDocument(source="short.txt", content=short.encode(), kind="text"))
    assert isinstance(article, Article) and article.teaser
    body = " ".join(["The council met on Thursday to discuss the new tide barrier and its costs."] * 12)
    paywalled = f"{body}\nSubscribe to continue reading this article.\n"
    article = extract(RawDocument(source="pw.txt", content=paywalled.encode(), kind="text"))
    assert isinstance(article, Article) and article.teaser
    assert "Subscribe" not in article.text
    full = extract(RawDocument(source="full.txt", content=body.encode(), kind="text"))
    assert not full.teaser


def _page(body: str) -> bytes:
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Valley council approves flood plan</title></head><body>{body}</body></html>""".encode("utf-8")


FLOOD_PARAGRAPHS = [
    f"<p>Paragraph {n} of the report: the valley council approved a flood plan on Monday after a long "
    f"debate, and officials said work on the new levees and pumping stations would start in spring.</p>"
    for n in range(1, 9)
]


def test_article_body_split_by_an_ad_row_is_read_whole():
    # the template repeats its body container around a full-width ad row; trafilatura read only the
    # first container, so the article stopped at the ad (a Wired story kept 3,172 of 8,640 characters)
    row = '<div class="row"><div class="story article-body grid__content">{}</div><aside class="rail"></aside></div>'
    body = (row.format("".join(FLOOD_PARAGRAPHS[:4]))
            + '<div class="row full-ad"><span>Advertisement</span></div>'
            + row.format("".join(FLOOD_PARAGRAPHS[4:])))  # fmt: skip
    article = extract(RawDocument(source="split.html", content=_page(body), kind="html"))
    assert isinstance(article, Article), article
    assert [article.text[s:e].split(":")[0] for s, e in article.paragraphs] == [
        f"Paragraph {n} of the report" for n in range(1, 9)
    ]


def test_related_stories_closing_the_body_are_not_article_text():
    # once the body is whole, the related stories under it ("More Great WIRED Stories") were its last
    # lines, and their headlines became quotes ("YouTubers must unionize, no matter what Google says")
    headlines = ["Farmers must unionize, <a href='/s/1'>no matter what the council says</a>",
                 "Paid flood ads are not the problem. <a href='/s/2'>Our perceptions are</a>",
                 "Could a lost kayaker <a href='/s/3'>use the current to get home</a>?",
                 "The plan to boost pumps <a href='/s/4'>with a teensy jet engine</a>"]
    related = ('<div class="heading-h3">More Great Valley Stories</div><ul>'
               + "".join(f"<li>{h}</li>" for h in headlines) + "</ul>")
    inline = "<ul>" + "".join(f"<li>Step {n}: raise the levee by a metre.</li>" for n in range(1, 4)) + "</ul>"
    page = (f'<div class="body body__container article__body">{"".join(FLOOD_PARAGRAPHS[:4])}{inline}'
            f'{"".join(FLOOD_PARAGRAPHS[4:])}{related}</div>')
    article = extract(RawDocument(source="related.html", content=_page(page), kind="html"))
    assert isinstance(article, Article), article
    assert "Farmers must unionize" not in article.text and "More Great Valley Stories" not in article.text
    assert "Step 2: raise the levee by a metre." in article.text  # a list inside the body stays
    assert article.text.rstrip().endswith("would start in spring.")


def test_hover_card_on_a_name_is_not_read_into_the_sentence():
    # a name's pop-up card (full name, latest headlines, "MORE"), shown by CSS on hover
    card = ('<span class="person"><a href="/people/ann-lee">Ann Lee</a><span class="person-card">'
            '<img src="/lee.jpg" alt=""><a class="name" href="/people/ann-lee">Ann Marie Lee</a> '
            '<a href="/news/1">Valley mayor defends levee costs</a> '
            '<a href="/news/2">Council delays vote on pumping stations</a> '
            '<a class="more" href="/people/ann-lee">MORE</a></span></span>')
    lead = f"<p>Valley mayor {card} (Ind.) defended the flood plan on Monday, saying that the levees would pay for themselves.</p>"
    # a styled run of prose after a link is no card: it has words outside its links
    prose = ('<p>The plan follows <a href="/r">a report</a><span> by <a href="/e">engineers</a> and '
             '<a href="/h">hydrologists</a> who studied the valley</span> for two years before the vote.</p>')
    article = extract(RawDocument(source="card.html", content=_page(f"<article>{lead}{prose}{''.join(FLOOD_PARAGRAPHS)}</article>"), kind="html"))
    assert isinstance(article, Article), article
    assert article.text.startswith("Valley mayor Ann Lee (Ind.) defended the flood plan on Monday")
    assert "MORE" not in article.text and "Ann Marie Lee" not in article.text
    assert "a report by engineers and hydrologists who studied the valley for two years" in article.text


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Daily Deals: Controllers, AirPods and More - IGN", "IGN", "Daily Deals: Controllers, AirPods and More"),
        ("How to Tackle Snack Temptations | The Beachbody Blog", "The Beachbody Blog", "How to Tackle Snack Temptations"),
        ("Gift guide for tech lovers - 9to5Mac", "9To5Mac", "Gift guide for tech lovers"),  # case aside
        ("Deals are live - Remember 80/90 - Memorabilia", "Remember 80/90 - Memorabilia", "Deals are live"),
        ("Impeachment hearing - Day 2", "IGN", "Impeachment hearing - Day 2"),  # not the site's name
        ("Oil | Gas", "Gas Weekly", "Oil | Gas"),
        ("IGN", "IGN", "IGN"),  # nothing would be left
    ],
)
def test_site_name_cut_from_the_end_of_a_page_title(title, site, expected):
    assert without_site_name(title, site) == expected


def test_page_title_without_its_site_name_but_a_declared_title_as_declared():
    # trafilatura takes the og:title (or a JSON-LD headline) as it stands
    page = PAGE.replace('content="Harbour city opens new tide barrier"', 'content="Harbour city opens new tide barrier - The Coastal Gazette"')
    article = extract(RawDocument(source="page.html", content=page.encode("utf-8"), kind="html"))
    assert article.title == "Harbour city opens new tide barrier"
    declared = {"title": "Harbour city opens new tide barrier | The Coastal Gazette"}
    article = extract(RawDocument(source="page.html", content=page.encode("utf-8"), kind="html", metadata=declared))
    assert article.title == declared["title"]


def _authors_of(head: str, byline: str = "") -> tuple[str, ...]:
    page = PAGE.replace('<meta name="author" content="Maria Lindqvist">', head).replace("<main><article>", f"<main><article>{byline}")
    article = extract(RawDocument(source="page.html", content=page.encode("utf-8"), kind="html"))
    assert isinstance(article, Article), article
    return article.authors


def test_page_authors_are_people_only():
    # trafilatura splits a byline at its commas: the credentials became authors of their own
    assert _authors_of('<meta name="author" content="Ilana Muhlstein, MS, RDN">') == ("Ilana Muhlstein",)
    # the publisher in <meta name="author">, named again by the copyright notice, beside the writer
    publisher = ('<meta name="author" content="Harbour Media Group"><meta name="copyright" content="Copyright (c) '
                 'Harbour Media Group 2024"><script type="application/ld+json">{"@context": "http://schema.org", '
                 '"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Louise Matsakis"}]}</script>')
    assert _authors_of(publisher) == ("Louise Matsakis",)
    # the byline box's job title read with the name; the link to the writer's page names the writer
    box = ('<div class="article-author"><h3 class="article-author__name"><a href="/author/tom-gillespie-726">'
           'Tom Gillespie</a></h3><p class="article-author__role">News reporter</p></div>')
    assert _authors_of("", box) == ("Tom Gillespie",)
    # an author that is none of these is kept as the page gives it
    assert _authors_of('<meta name="author" content="Maria Lindqvist; Ed Ma">') == ("Maria Lindqvist", "Ed Ma")


def test_a_title_loses_the_site_name_its_site_shortens():
    from storyweave.extract.metadata import without_site_name

    # the site calls itself "Inexhibit magazine"; its titles end "| Inexhibit"
    assert without_site_name("The 7th Amsterdam Light Festival | Inexhibit", "Inexhibit magazine") == (
        "The 7th Amsterdam Light Festival")
    assert without_site_name("Hearing - Day 2", "Courtroom News") == "Hearing - Day 2"


def test_a_tagline_or_copyright_line_is_no_outlet():
    from storyweave.extract.metadata import outlet_name

    url = "https://www.practicalhorsemanmag.com/training/how-to"
    assert outlet_name(None, "Expert how-to for English Riders", url, "x.html") == "practicalhorsemanmag.com"
    assert outlet_name(None, "Copyright 2014", url, "x.html") == "practicalhorsemanmag.com"
    assert outlet_name(None, "Bulletin of the Atomic Scientists", url, "x.html") == "Bulletin of the Atomic Scientists"


def test_a_file_outlet_is_its_name_without_type_and_compression():
    from storyweave.extract.metadata import outlet_name

    assert outlet_name(None, None, None, "/data/ledger.txt.gz") == "ledger"
    assert outlet_name(None, None, None, "/data/ledger.html") == "ledger"
    assert outlet_name(None, None, None, "/data/feed.jsonl#3") == "feed"


@pytest.mark.parametrize("published", ["12", "May", "Tuesday", "yesterday", "3 days ago", "1700000000", "2024"])
def test_a_published_value_without_day_month_and_year_leaves_the_article_undated(published):
    """A partial or relative date would be completed from the machine's clock ("12" -> the 12th
    of this month) and then order stories and date expectations: it is no publication date."""
    body = "The council approved the budget on Monday after a long debate about schools and roads.\n" * 3
    art = extract(RawDocument(source="r.json#1", content=body.encode(), kind="text",
                              metadata={"title": "Budget passes", "published": published}, position=0))
    assert art.published is None


def test_a_free_form_published_value_with_a_whole_date_is_read():
    body = "The council approved the budget on Monday after a long debate about schools and roads.\n" * 3
    for value, day in (("May 5, 2024", "2024-05-05"), ("le 5 mai 2024", "2024-05-05"), ("Tue, 5 May 2024 10:00", "2024-05-05")):
        art = extract(RawDocument(source="r.json#1", content=body.encode(), kind="text",
                                  metadata={"title": "Budget passes", "published": value}, position=0))
        assert art.published and art.published.startswith(day), value
