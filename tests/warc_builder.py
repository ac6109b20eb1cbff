"""Web archives built in the test from HTML written here (warcio writes them); no network.

``write_warc`` stores each page as a ``response`` record with HTTP headers, the way a crawler
does, and can add the records a real archive has around pages (the request, an image, a
redirect, a 404) so the reader's filtering is exercised too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


@dataclass(frozen=True)
class Page:
    url: str
    date: str  # WARC-Date, e.g. "2024-03-01T09:00:00Z"
    html: str
    status: str = "200 OK"
    content_type: str = "text/html; charset=utf-8"


def article_html(title: str, paragraphs: Sequence[str]) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>\n{body}\n</article>"
        f"<footer>Copyright The Daily Example</footer></body></html>"
    )


def _response(writer: WARCWriter, page: Page) -> None:
    payload = page.html.encode("utf-8")
    http = StatusAndHeaders(
        page.status,
        [("Content-Type", page.content_type), ("Content-Length", str(len(payload)))],
        protocol="HTTP/1.1",
    )
    record = writer.create_warc_record(
        page.url,
        "response",
        payload=BytesIO(payload),
        length=len(payload),  # known length: warcio then needs no spooled temporary file
        http_headers=http,
        warc_headers_dict={"WARC-Date": page.date},
    )
    writer.write_record(record)


def _request(writer: WARCWriter, page: Page) -> None:
    http = StatusAndHeaders(
        f"GET {page.url} HTTP/1.1", [("Host", "example.org")], is_http_request=True
    )
    record = writer.create_warc_record(
        page.url, "request", http_headers=http, warc_headers_dict={"WARC-Date": page.date}
    )
    writer.write_record(record)


def write_warc(path: Path, pages: Sequence[Page], noise: bool = True, gzip: bool = True) -> Path:
    """Write ``pages`` in the given order; ``noise`` adds requests and non-page records."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for page in pages:
            if noise:
                _request(writer, page)
            _response(writer, page)
        if noise and pages:
            first = pages[0]
            _response(
                writer,
                Page(first.url + "/logo.png", first.date, "\x89PNG", content_type="image/png"),
            )
            _response(
                writer, Page(first.url + "/old", first.date, "", status="301 Moved Permanently")
            )
            _response(
                writer,
                Page(
                    first.url + "/gone",
                    first.date,
                    "<html>Not found</html>",
                    status="404 Not Found",
                ),
            )
    return path


STORY = "https://news.example.org/2024/03/storm"
OTHER = "https://news.example.org/2024/03/election"


def three_and_two(path: Path) -> Path:
    """Three captures of one story (out of time order in the file) and two of another."""
    p1 = [
        "A storm reached the northern coast on Monday night, cutting power to 12,000 homes.",
        "The regional authority said repair crews would work through the night.",
        "Schools in three districts will stay closed on Tuesday.",
    ]
    p2 = [
        "A storm reached the northern coast on Monday night, cutting power to 40,000 homes.",
        "The regional authority said repair crews would work through the night.",
        "Schools in three districts will stay closed on Tuesday.",
        "Mayor Ilse Brandt declared a state of emergency shortly after midnight.",
    ]
    p3 = [
        "A storm reached the northern coast on Monday night, cutting power to 40,000 homes.",
        "Schools in three districts will stay closed on Tuesday.",
        "Mayor Ilse Brandt declared a state of emergency shortly after midnight.",
        "Two people were injured by falling trees in the harbour district, police said.",
    ]
    e1 = [
        "The council election will be held on 14 April, the electoral office announced.",
        "Turnout at the last election was 61 percent.",
    ]
    e2 = [
        "The council election will be held on 21 April, the electoral office announced.",
        "Turnout at the last election was 61 percent.",
        "Postal votes can be requested until 7 April.",
    ]
    return write_warc(
        path,
        [
            Page(STORY, "2024-03-04T08:15:00Z", article_html("Storm hits the coast", p2)),
            Page(OTHER, "2024-03-02T12:00:00Z", article_html("Election date set", e1)),
            Page(STORY, "2024-03-04T06:00:00Z", article_html("Storm hits the coast", p1)),
            Page(STORY, "2024-03-05T10:30:00Z", article_html("Storm hits the coast", p3)),
            Page(OTHER, "2024-03-03T12:00:00Z", article_html("Election date moved", e2)),
        ],
    )
