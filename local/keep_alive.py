"""HTTP/1.1 keep-alive for werkzeug's threaded server (the gateway and the moto server).

werkzeug's server answers every request with `Connection: close`, because it cannot tell where an
unread request body ends, so every client call paid a new TCP connection, a new server thread and
urllib3's connection set-up: several per ballot (the gateway, then each of the function's DynamoDB
calls to moto). AWS's endpoints and API Gateway keep connections open, and the SDK reuses them.

Here a request with a Content-Length body is read through werkzeug's own LimitedStream, which knows
where the body ends: whatever the application left unread is read and dropped after the answer, and
the connection stays open for the client's next request. A chunked request body, an HTTP/1.0 client
or one that asks to close still has its connection closed after the answer, as before.
"""

import io
from typing import IO, Any, cast

from werkzeug.serving import WSGIRequestHandler
from werkzeug.wsgi import LimitedStream


class _Body(LimitedStream):
    """A request body that ends at its Content-Length; a client gone before its end ends it too."""

    dropped = False

    def on_disconnect(self, error: Exception | None = None) -> None:
        self.dropped = True  # as reading the socket itself did: no more data, and no exception


class KeepAlive(WSGIRequestHandler):
    """Mixed in before werkzeug's (or moto's) request handler."""

    # The headers and the body go out in two writes: on a kept connection Nagle's algorithm would
    # hold the body until the client's delayed ACK of the headers (up to 40 ms on Linux).
    disable_nagle_algorithm = True

    _body: _Body | None = None
    _socket_file: io.BufferedIOBase | None = None

    def make_environ(self) -> Any:
        environ = super().make_environ()
        if environ.get("wsgi.input_terminated"):  # chunked: no length to drain to, so it closes
            return environ
        try:
            length = max(0, int(self.headers.get("Content-Length") or 0))
        except ValueError:
            self.close_connection = True
            return environ
        # werkzeug drains self.rfile after the answer (it expected to close): it must see only this body.
        self._socket_file, self._body = self.rfile, _Body(cast(IO[bytes], self.rfile), length)
        self.rfile = environ["wsgi.input"] = self._body  # type: ignore[assignment]  # read() is all werkzeug uses
        return environ

    def run_wsgi(self) -> None:
        try:
            super().run_wsgi()
            if self._body is not None:
                self._body.exhaust()  # the unread rest of the body, so the next request starts clean
                self.close_connection = self.close_connection or self._body.dropped
        except OSError:  # the client went away mid-answer
            self.close_connection = True
        finally:
            if self._socket_file is not None:
                self.rfile = self._socket_file
            self._body = self._socket_file = None

    def send_header(self, keyword: str, value: str) -> None:
        closing = keyword.lower() == "connection" and value.lower() == "close"
        if closing and self._body is not None and not self.close_connection:
            return  # the body is bounded: the connection can take another request
        super().send_header(keyword, value)
