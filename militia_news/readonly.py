"""Datasette plugin: the site is read-only, so any method but GET, HEAD and OPTIONS gets 405."""

from __future__ import annotations

from datasette import hookimpl

READ_METHODS = {"GET", "HEAD", "OPTIONS"}


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] == "http" and scope["method"] not in READ_METHODS:
                await send({"type": "http.response.start", "status": 405,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"allow", b"GET, HEAD")]})
                await send({"type": "http.response.body", "body": b"405: this site is read-only\n"})
                return
            await app(scope, receive, send)

        return read_only

    return wrap
