"""marsad.ingest: files, HTML, JSONL and feeds -> Documents with clean text and metadata.

Boilerplate (share buttons, credits, bylines, related links...) is removed before
offsets exist and remembered in ``Document.removed``.
"""

from marsad.errors import InputError
from marsad.ingest.boilerplate import Boilerplate, Cleaned, Rule
from marsad.ingest.build import ReportInfo, build_document, read_text
from marsad.ingest.encoding import decode_bytes
from marsad.ingest.feeds import read_feed_bytes
from marsad.ingest.files import EXTENSIONS, MAX_BYTES, read_bytes, read_file, read_path, read_paths
from marsad.ingest.html import extract_article, read_html
from marsad.ingest.jsonl import read_jsonl_text
from marsad.ingest.metadata import detect_language, published_from_text

__all__ = [
    "EXTENSIONS",
    "MAX_BYTES",
    "Boilerplate",
    "Cleaned",
    "InputError",
    "ReportInfo",
    "Rule",
    "build_document",
    "decode_bytes",
    "detect_language",
    "extract_article",
    "published_from_text",
    "read_bytes",
    "read_feed_bytes",
    "read_file",
    "read_html",
    "read_jsonl_text",
    "read_path",
    "read_paths",
    "read_text",
]
