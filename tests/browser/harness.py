"""What the browser test needs around Chromium, with nothing beyond the standard library: a local
web server for the built site, a recording proxy that every request of the browser goes through
(and that refuses anything not for that server), and a DevTools Protocol client over the pipe that
`--remote-debugging-pipe` opens (file descriptors 3 and 4; messages are JSON ended by a NUL byte)."""

from __future__ import annotations

import base64
import contextlib
import functools
import http.client
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--no-first-run",
    "--no-default-browser-check",
    "--mute-audio",
    "--hide-scrollbars",
    "--window-size=1280,900",
    # The browser's own calls home, which --disable-background-networking leaves on: network time,
    # optimisation hints, form autofill hints, sign-in (pointed at the discard port) and on-demand
    # component downloads.
    "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,AutofillServerCommunication,Translate,MediaRouter",
    "--gaia-url=http://127.0.0.1:9",
    "--component-updater=url-source=http://127.0.0.1:9/",
]


def chromium_path() -> str | None:
    wanted = os.environ.get("CHROMIUM")
    if wanted:
        return wanted
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


def serve_folder(folder: Path) -> tuple[_Server, int]:
    """The built site over HTTP on 127.0.0.1, as a web server on an intranet would serve it."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - the base class's name
            pass

    server = _Server(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


class RecordingProxy:
    """An HTTP proxy on 127.0.0.1 that writes down every request it gets (method, host:port, path)
    and forwards only those for the site's server; everything else gets 403, so even a request the
    test did not expect cannot leave the machine."""

    def __init__(self, allowed_port: int):
        self.requests: list[tuple[str, str, str]] = []
        self.lock = threading.Lock()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, format, *args):  # noqa: A002
                pass

            def do_CONNECT(self):  # https: refused, after it is written down
                proxy._record(self.command, self.path, "")
                self.send_error(403)

            def _forward(self):
                url = urlsplit(self.path)
                host = f"{url.hostname}:{url.port or 80}"
                proxy._record(self.command, host, url.path)
                if url.hostname != "127.0.0.1" or url.port != allowed_port:
                    self.send_error(403)
                    return
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {
                    k: v for k, v in self.headers.items() if k.lower() not in ("proxy-connection", "connection", "keep-alive")
                }
                upstream = http.client.HTTPConnection("127.0.0.1", allowed_port, timeout=30)
                target = url.path + (f"?{url.query}" if url.query else "")
                upstream.request(self.command, target, body, headers)
                response = upstream.getresponse()
                data = response.read()
                upstream.close()
                self.send_response(response.status)
                for key, value in response.getheaders():
                    if key.lower() not in ("connection", "keep-alive", "transfer-encoding", "content-length"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Connection", "close")
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_POST = do_HEAD = do_PUT = do_OPTIONS = _forward

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _record(self, method: str, host: str, path: str) -> None:
        with self.lock:
            self.requests.append((method, host, path))

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class DevToolsError(RuntimeError):
    pass


class Browser:
    """Headless Chromium driven over the DevTools pipe. All traffic goes through `proxy_port`
    (loopback included: `<-loopback>`), and every host name except 127.0.0.1 resolves to nothing."""

    def __init__(self, executable: str, profile: Path, proxy_port: int):
        self.log = profile.parent / "chromium.log"  # a file, not a pipe: a full pipe would stall the browser
        ours_read, theirs_write = os.pipe()  # the browser writes replies to its fd 4
        theirs_read, ours_write = os.pipe()  # the browser reads commands from its fd 3
        arguments = [
            executable,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            "--remote-debugging-pipe",
            f"--proxy-server=http://127.0.0.1:{proxy_port}",
            "--proxy-bypass-list=<-loopback>",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
            "about:blank",
        ]
        # A small trampoline puts the pipe ends at 3 and 4 and then becomes the browser, so no
        # descriptor of subprocess's own is in the way.
        trampoline = (
            "import fcntl, os, sys; "
            "a, b = (fcntl.fcntl(int(fd), fcntl.F_DUPFD, 10) for fd in sys.argv[1:3]); "
            "os.dup2(a, 3); os.dup2(b, 4); os.execv(sys.argv[3], sys.argv[3:])"
        )
        with open(self.log, "wb") as log:  # the child keeps its own copy
            self.process = subprocess.Popen(
                [sys.executable, "-c", trampoline, str(theirs_read), str(theirs_write), *arguments],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=log,
                pass_fds=(theirs_read, theirs_write),
            )
        os.close(theirs_read)
        os.close(theirs_write)
        self._write = os.fdopen(ours_write, "wb", buffering=0)
        self._read = os.fdopen(ours_read, "rb", buffering=0)
        self._next_id = 0
        self._replies: dict[int, dict] = {}
        self.events: list[dict] = []
        self._condition = threading.Condition()
        self._reader = threading.Thread(target=self._receive, daemon=True)
        self._reader.start()
        self.session: str | None = None

    def _receive(self) -> None:
        buffer = b""
        while True:
            chunk = self._read.read(65536)
            if not chunk:
                break
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                with self._condition:
                    if "id" in message:
                        self._replies[message["id"]] = message
                    else:
                        self.events.append(message)
                    self._condition.notify_all()
        with self._condition:
            self._condition.notify_all()

    def send(self, method: str, params: dict | None = None, *, session: str | None = None, timeout: float = 60) -> dict:
        with self._condition:
            self._next_id += 1
            number = self._next_id
        message = {"id": number, "method": method, "params": params or {}}
        target = session if session is not None else self.session
        if target is not None and not method.startswith(("Target.", "Browser.")):
            message["sessionId"] = target
        self._write.write(json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        with self._condition:
            while number not in self._replies:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not self._reader.is_alive():
                    raise DevToolsError(f"no answer to {method} within {timeout} s")
                self._condition.wait(remaining)
            reply = self._replies.pop(number)
        if "error" in reply:
            raise DevToolsError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def open_tab(self) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Network", "DOM"):
            self.send(f"{domain}.enable")
        self.send("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise DevToolsError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def goto(self, url: str, timeout: float = 30) -> None:
        self.send("Page.navigate", {"url": url})
        self.wait_for(f"location.href === {json.dumps(url)} && document.readyState === 'complete'", timeout)

    def wait_for(self, condition: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not self.evaluate(f"Boolean({condition})"):
            if time.monotonic() > deadline:
                raise DevToolsError(f"still not true after {timeout} s: {condition}")
            time.sleep(0.1)

    def document(self) -> dict:
        """The whole DOM, shadow roots included (Material draws each diagram in a closed one)."""
        return self.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]

    def screenshot(self, path: Path) -> Path:
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def event_params(self, method: str) -> list[dict]:
        with self._condition:
            return [event.get("params", {}) for event in self.events if event.get("method") == method]

    def close(self) -> str:
        """Stop the browser; returns what it wrote to stderr (for a failing test's message)."""
        with contextlib.suppress(DevToolsError, OSError):
            self.send("Browser.close", timeout=5)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for stream in (self._write, self._read):
            with contextlib.suppress(OSError):
                stream.close()
        return self.log.read_text(encoding="utf-8", errors="replace")


def walk(node: dict):
    """Every node under `node`, shadow roots and frames included."""
    yield node
    for key in ("children", "shadowRoots", "pseudoElements"):
        for child in node.get(key, []):
            yield from walk(child)
    if "contentDocument" in node:
        yield from walk(node["contentDocument"])


def attributes(node: dict) -> dict[str, str]:
    values = node.get("attributes", [])
    return dict(zip(values[::2], values[1::2], strict=False))


def text_of(node: dict) -> str:
    return "".join(child.get("nodeValue", "") for child in walk(node) if child.get("nodeType") == 3)
