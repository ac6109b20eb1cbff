"""Regenerate the council-vote story family here: ``python tests/data/family/make_family.py``.

Three versions of one local news story, the case that alignment by meaning is for:

- ``council_page.html``: the story as a news page, with site chrome (cookie banner, menu,
  newsletter box, related links, footer);
- ``council_agency.docx``: the agency copy with a byline, lightly edited wording;
- ``council_rewrite.txt``: a plain-text rewrite that paraphrases every statement, moves the
  schedule paragraph up and adds one invented claim (``INVENTED``).

``FACTS`` pairs each restated fact as it reads in the three versions (page, agency, rewrite);
the end-to-end test checks that each fact lands in one row across all three.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

TITLE = "Council backs £12m flood wall for Lower Quay"

# (page wording, agency wording, rewrite wording), in the page's reading order.
FACTS: list[tuple[str, str, str]] = [
    (
        "Councillors voted nine to three on Tuesday to approve a £12 million flood wall "
        "along the River Avon.",
        "Councillors voted 9-3 on Tuesday to approve a £12m flood wall along the River Avon.",
        "A £12m flood barrier on the River Avon was approved by councillors on Tuesday by "
        "nine votes to three.",
    ),
    (
        "The wall would protect about 1,400 homes in the Lower Quay and Mill Street districts.",
        "The wall would protect about 1,400 homes in the Lower Quay and Mill Street areas.",
        "Roughly 1,400 households in Lower Quay and Mill Street would be shielded by the barrier.",
    ),
    (
        "The river burst its banks twice last winter, flooding more than 300 properties.",
        "The river burst its banks twice last winter and more than 300 properties flooded.",
        "Last winter the river overflowed on two occasions and more than 300 properties were "
        "flooded.",
    ),
    (
        "Most of the cost will be met by a government grant, with the rest coming from "
        "council reserves.",
        "Most of the cost will be met by a government grant, with the remainder coming from "
        "council reserves.",
        "A government grant will cover most of the bill and council reserves will pay the rest.",
    ),
    (
        "Opposition councillors said the wall would block views of the river and harm "
        "trade in the old town.",
        "Opposition members said the wall would block views of the river and harm trade in "
        "the old town.",
        "Opposition councillors warned the barrier would block river views and damage "
        "trade in the old town.",
    ),
    (
        "Council leader Ann Hughes said the decision was long overdue.",
        "Council leader Ann Hughes said the decision was long overdue.",
        "The decision was long overdue, according to council leader Ann Hughes.",
    ),
    (
        "Work is expected to start in May and take about 18 months.",
        "Work is expected to start in May and to take about 18 months.",
        "Building work should begin in May and is expected to last a year and a half.",
    ),
    (
        "Residents will be able to comment on the final design at public meetings in March.",
        "Residents can comment on the final design at public meetings in March.",
        "Public meetings in March will give residents the chance to comment on the final design.",
    ),
]

INVENTED = (
    "A senior council officer privately admitted that the wall could cost twice as much "
    "as the published figure."
)

# Paragraphs as indices into FACTS; the rewrite moves the schedule (6) up to second place.
PAGE_PARAGRAPHS = [[0, 1], [2], [3], [4], [5], [6, 7]]
REWRITE_PARAGRAPHS = [[0], [6], [1, 2], [3], [4, 5], [7]]

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | Avon Valley Gazette</title>
<meta property="og:title" content="{title}">
<script>window.dataLayer = []; function track() {{}}</script>
<style>body {{ font-family: Georgia, serif }}</style></head>
<body>
<div class="cookie-consent" id="cookie-banner"><p>We use cookies to give you the best
experience on our site. By continuing you agree to our cookie policy.</p>
<button>Accept all</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/whats-on">What's on</a></li></ul></nav>
</header>
<main><article>
<h1>{title}</h1>
<p class="byline">By Tom Price, Local Democracy Reporter, 4 February 2025</p>
{body}
<div class="newsletter-signup"><h3>Sign up to our daily newsletter</h3>
<p>The top stories from the Avon Valley delivered to your inbox every morning.</p>
<form><input type="email"><button>Subscribe</button></form></div>
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/news/1">Bus station to close for six weeks of repairs</a></li>
<li><a href="/news/2">Village fete raises record sum for hospice</a></li>
</ul></aside></main>
<footer><p>© 2025 Avon Valley Gazette. All rights reserved.</p>
<p><a href="/privacy">Privacy</a> · <a href="/terms">Terms</a> · <a href="/contact">Contact
us</a></p></footer>
</body></html>
"""


def _paragraphs(column: int, layout: list[list[int]]) -> list[str]:
    return [" ".join(FACTS[k][column] for k in para) for para in layout]


def page_html() -> str:
    body = "\n".join(f"<p>{p}</p>" for p in _paragraphs(0, PAGE_PARAGRAPHS))
    return PAGE.format(title=TITLE, body=body)


def rewrite_text() -> str:
    paras = _paragraphs(2, REWRITE_PARAGRAPHS)
    paras.insert(4, INVENTED)  # after the grant paragraph
    return "Flood wall approved for Lower Quay\n\n" + "\n\n".join(paras) + "\n"


def write_docx(path: Path) -> None:
    import docx  # python-docx, a runtime dependency

    document = docx.Document()
    document.core_properties.author = "Avon Press Agency"
    document.add_heading(TITLE, level=1)
    document.add_paragraph("By Sarah Mills, Avon Press Agency")
    for para in _paragraphs(1, PAGE_PARAGRAPHS):
        document.add_paragraph(para)
    document.save(str(path))


def main() -> None:
    (HERE / "council_page.html").write_text(page_html(), encoding="utf-8")
    (HERE / "council_rewrite.txt").write_text(rewrite_text(), encoding="utf-8")
    write_docx(HERE / "council_agency.docx")


if __name__ == "__main__":
    main()
