#!/usr/bin/env python3
"""Write small web archives for tests/web.sh (stdlib only; every page is our own).

    make_warc.py DIR

DIR/site.warc      nine records: warcinfo, a UTF-8 page sent chunked and gzip-encoded,
                   a request, a JPEG, a Latin-1 page (charset in the HTTP header), a
                   windows-1252 page as a resource record (charset in <meta>), a redirect,
                   a metadata record, and a last page
DIR/site.warc.gz   the same, one gzip member a record
DIR/cut.warc.gz    the same with the last member cut in half (a truncated download)
DIR/site.arc       two pages in the old ARC format
"""
import gzip
import os
import sys
import zlib

ARTICLE_UTF8 = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Ministers agree on river treaty | The Valley Courier</title>
<meta property="article:published_time" content="2024-04-02T08:30:00+02:00">
<link rel="canonical" href="https://courier.example/2024/04/02/river-treaty">
</head><body>
<nav class="site-nav"><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Ministers agree on river treaty</h1>
<p class="byline">By Ana Lima</p>
<p>The water ministers of Norland and Sudia signed a treaty on Tuesday that shares the river's
flow between the two countries during the dry season, ending a dispute of ten years.</p>
<p>“This is a good day for farmers on both banks,” the Norland minister told reporters in the
border town of Eastford after the signing ceremony.</p>
<div class="share-tools"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Email</a></div>
<p>The treaty sets up a joint commission that will publish the river's level every week and can
call emergency talks when it falls below an agreed mark.</p>
</article>
<aside class="related-stories"><h2>Related</h2><ul><li><a href="/a">Drought hits the north again</a></li>
<li><a href="/b">Farmers protest over water prices in the capital</a></li></ul></aside>
<footer>© The Valley Courier. All rights reserved.</footer>
</body></html>
"""

ARTICLE_LATIN1 = """<html><head><title>Protesta en la capital</title></head><body>
<div id="menu"><a href="/">Inicio</a> | <a href="/mundo">Mundo</a></div>
<div class="story">
<p>Miles de estudiantes marcharon el miércoles por el centro de la capital para exigir más
presupuesto para la educación pública, según informó la policía.</p>
<p>El ministro de Educación dijo que recibirá a una delegación de los estudiantes la próxima
semana y que estudiará sus peticiones con atención.</p>
</div>
<div class="comments"><p>Muy buena nota, gracias por la información tan completa de hoy.</p></div>
</body></html>
"""

ARTICLE_1252 = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>Port strike ends</title></head><body>
<div class="cookie-banner">We use cookies to improve your experience. <a href="/ok">Accept</a></div>
<div class="post-content">
<p>Dock workers in the port city of Westhaven ended a four-day strike on Friday after the
company agreed to raise wages by six percent, the union said in a statement.</p>
<p>\u201cWe got what we came for,\u201d the union\u2019s leader said outside the harbour gates, where
hundreds of workers had gathered since Monday morning.</p>
</div>
</body></html>
"""

ARTICLE_LAST = """<html><head><title>Election date set</title></head><body><main>
<p>The electoral commission of Norland set the date of the general election for the first
Sunday of October, after weeks of talks between the governing party and the opposition.</p>
<p>Both sides said they would accept the commission's timetable and campaign rules.</p>
</main></body></html>
"""


def chunked(data, size=97):
    out = b""
    for i in range(0, len(data), size):
        piece = data[i:i + size]
        out += b"%x\r\n" % len(piece) + piece + b"\r\n"
    return out + b"0\r\n\r\n"


def http_response(body, headers, status=b"200 OK"):
    head = b"HTTP/1.1 " + status + b"\r\n" + b"".join(h + b"\r\n" for h in headers) + b"\r\n"
    return head + body


def record(rtype, block, n, uri=None, ctype=None, date=b"2024-04-03T12:00:00Z"):
    h = [b"WARC/1.0", b"WARC-Type: " + rtype,
         b"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>" % n,
         b"WARC-Date: " + date]
    if uri:
        h.append(b"WARC-Target-URI: " + uri)
    if ctype:
        h.append(b"Content-Type: " + ctype)
    h.append(b"Content-Length: %d" % len(block))
    return b"\r\n".join(h) + b"\r\n\r\n" + block + b"\r\n\r\n"


def records():
    info = b"software: make_warc.py\r\nformat: WARC File Format 1.0\r\n"
    page1 = http_response(
        chunked(gzip.compress(ARTICLE_UTF8.encode("utf-8"))),
        [b"Content-Type: text/html; charset=utf-8", b"Content-Encoding: gzip",
         b"Transfer-Encoding: chunked"])
    request = b"GET /2024/04/02/river-treaty HTTP/1.1\r\nHost: courier.example\r\n\r\n"
    jpeg = http_response(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4 + b"\xff\xd9",
                         [b"Content-Type: image/jpeg"])
    page2 = http_response(ARTICLE_LATIN1.encode("latin-1"),
                          [b"Content-Type: text/html; charset=ISO-8859-1"])
    page3 = ARTICLE_1252.encode("cp1252")
    redirect = http_response(b"", [b"Location: https://courier.example/new"],
                             b"301 Moved Permanently")
    meta = b"outlinks: https://courier.example/a\r\n"
    page4 = http_response(zlib.compress(ARTICLE_LAST.encode("utf-8")),
                          [b"Content-Type: text/html", b"Content-Encoding: deflate"])
    app = b"application/http; msgtype=response"
    return [
        record(b"warcinfo", info, 1, ctype=b"application/warc-fields"),
        record(b"response", page1, 2, b"https://courier.example/2024/04/02/river-treaty", app),
        record(b"request", request, 3, b"https://courier.example/2024/04/02/river-treaty",
               b"application/http; msgtype=request"),
        record(b"response", jpeg, 4, b"https://courier.example/photo.jpg", app),
        record(b"response", page2, 5, b"http://diario.example/protesta", app,
               b"2024-03-28T09:15:00Z"),
        record(b"resource", page3, 6, b"http://harbour.example/strike", b"text/html"),
        record(b"response", redirect, 7, b"https://courier.example/old", app),
        record(b"metadata", meta, 8, b"https://courier.example/2024/04/02/river-treaty",
               b"application/warc-fields"),
        record(b"response", page4, 9, b"https://votes.example/date", app,
               b"2024-05-01T10:00:00Z"),
    ]


def arc():
    body1 = http_response(ARTICLE_LAST.encode("utf-8"), [b"Content-Type: text/html"])
    body2 = http_response(ARTICLE_LATIN1.encode("latin-1"),
                          [b"Content-Type: text/html; charset=iso-8859-1"])
    desc = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    out = b"filedesc://site.arc 0.0.0.0 20240501100000 text/plain %d\n" % len(desc) + desc + b"\n"
    out += b"http://votes.example/date 192.0.2.1 20240501100000 text/html %d\n" % len(body1)
    out += body1 + b"\n"
    out += b"http://diario.example/protesta 192.0.2.2 20240328091500 text/html %d\n" % len(body2)
    out += body2 + b"\n"
    return out


def main():
    d = sys.argv[1]
    recs = records()
    with open(os.path.join(d, "site.warc"), "wb") as f:
        f.write(b"".join(recs))
    members = [gzip.compress(r) for r in recs]
    with open(os.path.join(d, "site.warc.gz"), "wb") as f:
        f.write(b"".join(members))
    with open(os.path.join(d, "cut.warc.gz"), "wb") as f:
        f.write(b"".join(members[:-1]) + members[-1][: len(members[-1]) // 2])
    with open(os.path.join(d, "site.arc"), "wb") as f:
        f.write(arc())


if __name__ == "__main__":
    main()
