"""Real documents of every format, written by the tests themselves (never binary fixtures)."""

from __future__ import annotations

import io
import struct
import zipfile
from email.message import EmailMessage
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from tests.corpus.cfb import storage, stream, write_cfb

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def make_pdf(
    path: Path,
    pages: list[list[str]],
    *,
    title: str | None = None,
    author: str | None = None,
    password: str | None = None,
    unicode_font: bool = False,
) -> Path:
    """A PDF with one text line per item of each page (a real text layer)."""
    pdf = canvas.Canvas(str(path), pagesize=A4, encrypt=password, invariant=True)
    font = "Helvetica"
    if unicode_font and DEJAVU.exists():
        pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU)))
        font = "DejaVu"
    if title:
        pdf.setTitle(title)
    if author:
        pdf.setAuthor(author)
    for lines in pages:
        pdf.setFont(font, 11)
        y = 800
        for line in lines:
            pdf.drawString(50, y, line)
            y -= 16
        pdf.showPage()
    pdf.save()
    return path


def make_scanned_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A PDF whose pages are only pictures of text (no text layer), as a scanner makes them."""
    import pypdfium2
    from reportlab.lib.utils import ImageReader

    source = io.BytesIO()
    text_pdf = canvas.Canvas(source, pagesize=A4)
    for lines in pages:
        text_pdf.setFont("Helvetica", 20)
        y = 780
        for line in lines:
            text_pdf.drawString(50, y, line)
            y -= 30
        text_pdf.showPage()
    text_pdf.save()
    rendered = pypdfium2.PdfDocument(source.getvalue())
    scanned = canvas.Canvas(str(path), pagesize=A4)
    for index in range(len(rendered)):
        image = rendered[index].render(scale=200 / 72, grayscale=True).to_pil()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        buffer.seek(0)
        scanned.drawImage(ImageReader(buffer), 0, 0, width=A4[0], height=A4[1])
        scanned.showPage()
    scanned.save()
    return path


_FOOTNOTES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:t>Source: the ministry ledger of 2019.</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


def make_docx(path: Path) -> Path:
    """A Word file with a heading, paragraphs, a table, a header, a footer and a footnote."""
    import docx

    document = docx.Document()
    document.core_properties.title = "Procurement review"
    document.core_properties.author = "Ana Lopes"
    document.add_heading("Procurement review", level=1)
    document.add_paragraph("The tender was awarded to Helix Logistics FOOTNOTE_HERE in March.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Supplier"
    table.cell(0, 1).text = "Amount"
    table.cell(1, 0).text = "Helix Logistics"
    table.cell(1, 1).text = "4.2 million"
    document.add_paragraph("The committee met twice.")
    section = document.sections[0]
    section.header.paragraphs[0].text = "CONFIDENTIAL draft"
    section.footer.paragraphs[0].text = "Page footer text"
    buffer = io.BytesIO()
    document.save(buffer)
    return _add_footnote(buffer.getvalue(), path)


def _add_footnote(data: bytes, path: Path) -> Path:
    """python-docx writes no footnotes: add the part, its relationship and a reference, as Word does."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/document.xml":
                content = content.replace(
                    b"FOOTNOTE_HERE",
                    b'</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t xml:space="preserve">',
                )
            elif info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
                    b'officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            elif info.filename == "word/_rels/document.xml.rels":
                content = content.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdFoot" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/footnotes" Target="footnotes.xml"/></Relationships>',
                )
            target.writestr(info, content)
        target.writestr("word/footnotes.xml", _FOOTNOTES)
    path.write_bytes(out.getvalue())
    return path


def make_odt(path: Path) -> Path:
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{office}" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3">'
        "<office:body><office:text>"
        "<text:h>Harbour minutes</text:h>"
        "<text:p>The harbour board<text:s/> approved the dredging"
        '<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
        "<text:note-body><text:p>Vote of 5 to 2.</text:p></text:note-body></text:note> contract.</text:p>"
        "<table:table><table:table-row><table:table-cell><text:p>Member</text:p></table:table-cell>"
        "<table:table-cell><text:p>Vote</text:p></table:table-cell></table:table-row></table:table>"
        "</office:text></office:body></office:document-content>"
    )
    meta = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta xmlns:office="{office}" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta>'
        "<dc:title>Harbour board minutes</dc:title><dc:creator>Clerk Ruiz</dc:creator>"
        "<meta:creation-date>2023-05-04T10:00:00</meta:creation-date></office:meta></office:document-meta>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("meta.xml", meta, compress_type=zipfile.ZIP_DEFLATED)
    return path


def make_epub(path: Path) -> Path:
    container = (
        '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
        '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
        "</rootfiles></container>"
    )
    opf = (
        '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>The Shell Companies</dc:title>'
        "<dc:creator>R. Okafor</dc:creator><dc:date>2021-09-30</dc:date></metadata>"
        '<manifest><item id="c1" href="one.xhtml" media-type="application/xhtml+xml"/>'
        '<item id="c2" href="two.xhtml" media-type="application/xhtml+xml"/></manifest>'
        '<spine><itemref idref="c1"/><itemref idref="c2"/></spine></package>'
    )
    chapter = (
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><h1>{}</h1><p>{}</p><script>alert(1)</script></body></html>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/container.xml", container)
        archive.writestr("OEBPS/content.opf", opf)
        archive.writestr("OEBPS/one.xhtml", chapter.format("Chapter one", "Nominee directors in Valletta."))
        archive.writestr("OEBPS/two.xhtml", chapter.format("Chapter two", "The trust deed of 2009 &amp; after."))
    return path


def make_rtf(path: Path) -> Path:
    path.write_bytes(
        rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Times New Roman;}}{\info{\title Witness statement}{\author D. Mensah}}"
        rb"\f0\fs24 I saw the trucks leave the depot at night.\par The caf\'e9 owner confirmed it.\par}"
    )
    return path


def make_eml(
    subject: str, body: str, *, attachments: tuple[tuple[str, bytes, str], ...] = (), message_id: str = ""
) -> bytes:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = "Lena Ortiz <lena@example.org>"
    message["To"] = "desk@example.org"
    message["Date"] = "Tue, 05 Mar 2024 09:30:00 +0000"
    if message_id:
        message["Message-ID"] = message_id
    message.set_content(body)
    for filename, data, mime in attachments:
        maintype, subtype = mime.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()


def make_mbox(path: Path, count: int) -> Path:
    """An mbox as mail clients write it: each message after a ``From `` line, ``From `` in bodies quoted."""
    template = make_eml(
        "Shipment NUMBER",
        "Message number NUMBER about container CNTPADDED.\nFrom the port office.",
        message_id="<msgNUMBER@port.example>",
    )
    body = template.replace(b"\r\n", b"\n").replace(b"\nFrom ", b"\n>From ").rstrip(b"\n")
    with path.open("wb") as handle:
        for number in range(count):
            message = body.replace(b"NUMBER", b"%d" % number).replace(b"PADDED", b"%05d" % number)
            handle.write(b"From desk@example.org Tue Mar  5 09:30:00 2024\n" + message + b"\n\n")
    return path


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def make_msg(path: Path, subject: str, body: str, attachments: list[tuple[str, bytes]]) -> Path:
    """An Outlook .msg (an OLE compound file of MAPI property streams), with attachments."""
    filetime = (1_709_631_000 + 11_644_473_600) * 10_000_000  # 2024-03-05 09:30 UTC in 100 ns since 1601
    properties = b"\x00" * 32 + struct.pack("<IIQ", (0x0E06 << 16) | 0x0040, 6, filetime)
    children = [
        stream("__substg1.0_0037001F", _utf16(subject)),
        stream("__substg1.0_1000001F", _utf16(body)),
        stream("__substg1.0_0C1A001F", _utf16("Marc Petit")),
        stream("__substg1.0_0C1F001F", _utf16("marc@example.org")),
        stream("__properties_version1.0", properties),
    ]
    for index, (filename, data) in enumerate(attachments):
        children.append(
            storage(
                f"__attach_version1.0_#{index:08X}",
                stream("__substg1.0_3707001F", _utf16(filename)),
                stream("__substg1.0_37010102", data),
                stream("__properties_version1.0", b"\x00" * 8),
            )
        )
    path.write_bytes(write_cfb(children))
    return path
