"""An upload's files written straight into a folder as the request body arrives.

Starlette spools each file of a form to a temporary file, and the route then copied
it into place: every byte on disk twice. Here python-multipart's streaming parser
hands over each part's bytes as they come, and they go to their file in the
upload's folder. The request gate (gate.py) has already checked who is calling and
caps the body; the cap on file bytes here is what the import page promises.
Parsing and writing run in the thread pool, a megabyte at a time, so the event
loop never waits on the disk.
"""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from fastapi import HTTPException, Request, status
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.concurrency import run_in_threadpool

from rollcoach.imports.limits import MB
from rollcoach.web.auth import CSRF_FIELD
from rollcoach.web.upload_folder import saved_name

if TYPE_CHECKING:  # defined for type checkers only
    from python_multipart.multipart import MultipartCallbacks

BATCH = 1 * MB
MAX_FILES = 1000
MAX_FIELDS, MAX_FIELD_BYTES = 20, 4096

FieldCheck = Callable[[str | None], None]  # raises when the form's token is wrong


def _bad(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_400_BAD_REQUEST, detail)


class _Parts:
    """python-multipart's callbacks: file parts into ``folder``, the few small fields kept.

    With ``check`` set (a form from the import page), the ``csrf`` field must come
    before the first file, as browsers send it; no file is opened before it is checked.
    """

    def __init__(self, folder: Path, max_bytes: int, check: FieldCheck | None) -> None:
        self.folder, self.max_bytes, self.check = folder, max_bytes, check
        self.files = self.fields = self.written = 0
        self.ended = False
        self._header, self._value, self._disposition = b"", b"", b""
        self._file: BinaryIO | None = None
        self._field: bytearray | None = None
        self._name = ""

    def callbacks(self) -> "MultipartCallbacks":
        return {
            "on_part_begin": self._begin,
            "on_header_field": self._header_field,
            "on_header_value": self._header_value,
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._data,
            "on_part_end": self._end,
            "on_end": self._finished,
        }

    def _begin(self) -> None:
        self._disposition, self._file, self._field = b"", None, None

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._header += data[start:end]

    def _header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def _header_end(self) -> None:
        if self._header.lower() == b"content-disposition":
            self._disposition = self._value
        self._header, self._value = b"", b""

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._disposition)
        self._name = _text(options.get(b"name", b""))
        if b"filename" not in options:
            self.fields += 1
            if self.fields > MAX_FIELDS:
                raise _bad(f"a form of at most {MAX_FIELDS} fields, please")
            self._field = bytearray()
            return
        filename = _text(options[b"filename"])
        if not filename:
            return  # a file input left empty
        if self.check is not None:
            self.check(None)  # no token came before the files
        self.files += 1
        if self.files > MAX_FILES:
            raise _bad(f"at most {MAX_FILES} files at once: put more in a zip")
        self._file = (self.folder / saved_name(self.files - 1, filename)).open("xb")

    def _data(self, data: bytes, start: int, end: int) -> None:
        if self._file is not None:
            self.written += end - start
            if self.written > self.max_bytes:
                raise HTTPException(
                    status.HTTP_413_CONTENT_TOO_LARGE,
                    f"uploads are limited to {self.max_bytes // MB} MB",
                )
            self._file.write(data[start:end])
        elif self._field is not None:
            if len(self._field) + end - start > MAX_FIELD_BYTES:
                raise _bad("a form field is far longer than this form has")
            self._field += data[start:end]

    def _end(self) -> None:
        if self._file is not None:
            self._file.close()
        elif self._field is not None and self._name == CSRF_FIELD and self.check:
            self.check(_text(bytes(self._field)))
            self.check = None  # checked: the files may come
        self._file = self._field = None

    def _finished(self) -> None:
        self.ended = True

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def _text(raw: bytes) -> str:
    """As browsers send names: UTF-8 (old ones: Latin-1)."""
    try:
        return raw.decode()
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _boundary(request: Request) -> bytes:
    kind, options = parse_options_header(request.headers.get("content-type"))
    if kind != b"multipart/form-data" or not options.get(b"boundary"):
        raise HTTPException(
            status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, "send the files as multipart/form-data"
        )
    return options[b"boundary"]


async def receive_files(
    request: Request, folder: Path, max_bytes: int, check: FieldCheck | None = None
) -> int:
    """Write the request's files into ``folder`` as they arrive; how many there were."""
    parts = _Parts(folder, max_bytes, check)
    try:
        parser = MultipartParser(_boundary(request), parts.callbacks())
    except FormParserError:
        raise _bad("the multipart boundary is not valid") from None
    pending = bytearray()
    try:
        async for chunk in request.stream():
            pending += chunk
            if len(pending) >= BATCH:
                await run_in_threadpool(parser.write, bytes(pending))
                pending.clear()
        await run_in_threadpool(parser.write, bytes(pending))
    except FormParserError:
        raise _bad("the upload is not a valid multipart form") from None
    finally:
        parts.close()
    if not parts.ended:
        raise _bad("the upload was cut off before its end")
    if parts.files == 0:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "choose at least one file")
    return parts.files
