"""Decoding an answer's body within a bound: what the CLI and the generated clients share.

httpx decodes a compressed body a whole network read at a time, and br or
zstd (when their packages happen to be installed) with no bound at all: a
small compressed answer could expand into gigabytes of memory before any size
check sees it. ``BodyDecoder`` undoes gzip and deflate codings (stacked ones
included) 64 KiB of output at a time, and refuses every other coding, which is
never asked for (``ACCEPT_ENCODING``).
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator, Iterable, Iterator

import httpx

ACCEPT_ENCODING = "gzip, deflate"  # the only codings decoded here, so the only ones asked for
PIECE = 1 << 16  # decoded bytes produced at a time: memory stays near the limit, whatever the ratio
_ZLIB_CODINGS = ("gzip", "x-gzip", "deflate")
_MAX_CODINGS = 4


class _Inflater:
    """One gzip or deflate coding undone, at most ``PIECE`` bytes of output at a time."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self.wbits = zlib.MAX_WBITS | 16 if coding != "deflate" else zlib.MAX_WBITS
        self.decoder = zlib.decompressobj(self.wbits)
        self.first = True

    def feed(self, data: bytes) -> Iterator[bytes]:
        try:
            if self.first and self.coding == "deflate" and data:
                self.first = False  # some servers send raw deflate without the zlib header
                try:
                    zlib.decompressobj(self.wbits).decompress(data[:64], 1)
                except zlib.error:
                    self.decoder = zlib.decompressobj(-zlib.MAX_WBITS)
            while data:
                piece = self.decoder.decompress(data, PIECE)
                data = self.decoder.unconsumed_tail
                if piece:
                    yield piece
        except zlib.error as exc:
            raise httpx.DecodingError(f"{self.coding} data is corrupt: {exc}") from None

    def flush(self) -> bytes:
        try:
            return self.decoder.flush()
        except zlib.error as exc:
            raise httpx.DecodingError(f"{self.coding} data is corrupt: {exc}") from None


class BodyDecoder:
    """The codings of one answer (its Content-Encoding values), undone in reverse order."""

    def __init__(self, content_encodings: Iterable[str]) -> None:
        codings = [c.strip().lower() for c in content_encodings]
        codings = [c for c in codings if c and c != "identity"]
        if (
            len(codings) > _MAX_CODINGS
        ):  # each is a decoder in a chain: a server could stack thousands
            raise httpx.DecodingError(
                f"the body has {len(codings)} content codings; at most {_MAX_CODINGS} are decoded"
            )
        for coding in codings:
            if coding not in _ZLIB_CODINGS:
                shown = (
                    coding[:40] if coding.isascii() and coding.isprintable() else repr(coding)[:40]
                )
                raise httpx.DecodingError(
                    f"the body is {shown}-encoded, which is not decoded here "
                    f"(only {ACCEPT_ENCODING} are asked for)"
                )
        self.stages = [_Inflater(coding) for coding in reversed(codings)]

    @classmethod
    def of(cls, response: httpx.Response) -> BodyDecoder:
        return cls(response.headers.get_list("content-encoding", split_commas=True))

    def feed(self, raw: bytes) -> Iterator[bytes]:
        """The decoded pieces of one network read."""
        return self._through(0, raw)

    def flush(self) -> Iterator[bytes]:
        """What the decoders still hold once the body has been read."""
        for index, stage in enumerate(self.stages):
            yield from self._through(index + 1, stage.flush())

    def _through(self, index: int, data: bytes) -> Iterator[bytes]:
        if index == len(self.stages):
            if data:
                yield data
            return
        for piece in self.stages[index].feed(data):
            yield from self._through(index + 1, piece)


def decoded(response: httpx.Response) -> Iterator[bytes]:
    """A streamed answer's body, decoded 64 KiB at a time.

    A transport that hands back a body it has already read (httpx.MockTransport)
    leaves nothing to stream: that body is taken as httpx decoded it.
    """
    decoder = BodyDecoder.of(response)
    try:
        if not decoder.stages:  # identity, the usual answer: the network's pieces as they come
            for raw in response.iter_raw():
                if raw:
                    yield raw
        else:
            for raw in response.iter_raw():
                yield from decoder.feed(raw)
    except httpx.StreamConsumed:
        yield response.content
        return
    yield from decoder.flush()


async def adecoded(response: httpx.Response) -> AsyncIterator[bytes]:
    """``decoded`` for the asyncio client."""
    decoder = BodyDecoder.of(response)
    try:
        async for raw in response.aiter_raw():
            for piece in decoder.feed(raw):
                yield piece
    except httpx.StreamConsumed:
        yield response.content
        return
    for piece in decoder.flush():
        yield piece
