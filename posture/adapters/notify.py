"""Desktop notifications behind one small protocol, with a chain that always lands somewhere.

Notification mechanisms fail quietly: plyer drops its helper programs' exit codes, a desktop may
have no notification server, and a message can break a quoting scheme (plyer's portal backend
splices text into a GVariant literal, so one apostrophe ruins it). Every adapter here therefore
cleans its text with `safe_text`, quotes it for its own transport, and answers an honest bool.
`FallbackNotifier` walks a chain of adapters, logs each broken one once, rests it for a while and
ends at `LogNotifier`, which cannot fail.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import shutil
import subprocess
import sys
import time
import unicodedata
import warnings
from collections.abc import Callable, Iterator, Sequence
from types import ModuleType
from typing import Any

from posture.core.durations import format_duration
from posture.ports import Notifier, NotifyFailed

logger = logging.getLogger(__name__)

APP_NAME = "Posture"
TITLE_LIMIT = 80
MESSAGE_LIMIT = 300
DISPLAY_S = 10
COOL_OFF_S = 600.0
TOOL_TIMEOUT_S = 5.0
PREFERENCES = ("auto", "native", "plyer", "log")

_BUS = ("org.freedesktop.DBus", "/org/freedesktop/DBus")
_NOTIFICATIONS = ("org.freedesktop.Notifications", "/org/freedesktop/Notifications")
_ELLIPSIS = "…"
_LINE_BREAK = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
# Bidirectional overrides can reorder what the reader sees, so they never reach a notification.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_MARKUP_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_GVARIANT_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_APPLESCRIPT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
# plyer's Linux backends, by class name: which of them hand text to a freedesktop server.
_PLYER_FREEDESKTOP = frozenset({"NotifySendNotification", "NotifyDbus"})
_PLYER_PORTAL = "NotifyDesktopPortals"


def safe_text(text: str, limit: int, *, newlines: bool = False, markup: bool = False) -> str:
    """Text that every notification backend shows as written, at most `limit` characters long.

    Control characters and bidirectional overrides go, lone surrogates become U+FFFD, and runs
    of whitespace shrink to one space. Line breaks survive as "\\n" only when `newlines` is set
    (freedesktop bodies); otherwise they become spaces. Apostrophes, quotes and non-ASCII stay.
    Text longer than `limit` is cut at a character boundary that does not split an emoji or an
    accent, and ends with an ellipsis. With `markup` set (a freedesktop body on a server that
    parses markup), `&`, `<` and `>` are escaped after the cut, so the limit counts what the
    reader sees and an entity is never cut in half.
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    kept = "".join(_clean_char(char) for char in _LINE_BREAK.sub("\n", text))
    lines = [" ".join(line.split()) for line in kept.split("\n")]
    joined = ("\n" if newlines else " ").join(line for line in lines if line)
    if len(joined) > limit:
        cut = _grapheme_boundary(joined, limit - 1)
        joined = joined[:cut].rstrip() + _ELLIPSIS
    if markup:
        joined = "".join(_MARKUP_ESCAPES.get(char, char) for char in joined)
    return joined


def _clean_char(char: str) -> str:
    if char == "\n":
        return char
    if char == "\t":
        return " "
    category = unicodedata.category(char)
    if category == "Cs":
        return "\ufffd"
    if category == "Cc" or char in _BIDI_CONTROLS:
        return ""
    return char


def _grapheme_boundary(text: str, index: int) -> int:
    """The largest cut at or before `index` that keeps combining marks and emoji joins whole."""
    while 0 < index < len(text) and (_joins_previous(text[index]) or text[index - 1] == "\u200d"):
        index -= 1
    return index


def _joins_previous(char: str) -> bool:
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Mc", "Me")
        or char == "\u200d"
        or 0xFE00 <= code <= 0xFE0F  # variation selectors (emoji presentation)
        or 0x1F3FB <= code <= 0x1F3FF  # skin-tone modifiers
        or 0xE0020 <= code <= 0xE007F  # tag characters (subdivision flags)
    )


def gvariant_string(text: str) -> str:
    """`text` as a GVariant text-format string literal, the form `gdbus call` parses."""
    return "'" + _gvariant_escape(text) + "'"


def _gvariant_escape(text: str) -> str:
    return "".join(
        _GVARIANT_ESCAPES.get(char)
        or (f"\\u{ord(char):04x}" if unicodedata.category(char) == "Cc" else char)
        for char in text
    )


def applescript_string(text: str) -> str:
    """`text` as an AppleScript string literal, for `osascript -e 'display notification ...'`."""
    return (
        '"'
        + "".join(
            _APPLESCRIPT_ESCAPES.get(char) or ("" if unicodedata.category(char) == "Cc" else char)
            for char in text
        )
        + '"'
    )


def _run(argv: Sequence[str], timeout_s: float = TOOL_TIMEOUT_S) -> str:
    """Run a helper program without a shell and return its output; NotifyFailed on any failure."""
    try:
        done = subprocess.run(
            list(argv),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout_s,
            check=False,
        )
    except FileNotFoundError as exc:
        raise NotifyFailed(f"{argv[0]} is not installed") from exc
    except subprocess.TimeoutExpired as exc:
        raise NotifyFailed(f"{argv[0]} gave no answer within {timeout_s:g} s") from exc
    except (OSError, UnicodeError) as exc:
        raise NotifyFailed(f"{argv[0]} could not run ({exc})") from exc
    if done.returncode != 0:
        raise NotifyFailed(_exit_reason(argv[0], done.returncode, done.stderr or done.stdout))
    return done.stdout


def _exit_reason(program: str, status: int, output: str) -> str:
    lines = [line.strip() for line in output.strip().splitlines() if line.strip()]
    return f"{program} exited with status {status}: {lines[-1] if lines else 'no message'}"


def _bus_query(method: str, *, dest: str = _BUS[0], path: str = _BUS[1], arg: str = "") -> str:
    """Call a no-side-effect method on the session bus with gdbus, else dbus-send; its output."""
    interface_method = f"{dest}.{method}"
    if shutil.which("gdbus"):
        argv = ["gdbus", "call", "--session", "--dest", dest, "--object-path", path]
        return _run([*argv, "--method", interface_method, *([arg] if arg else [])])
    argv = ["dbus-send", "--session", "--print-reply=literal", f"--dest={dest}", path]
    return _run([*argv, interface_method, *([f"string:{arg}"] if arg else [])])


def _tokens(output: str) -> set[str]:
    return set(re.findall(r"[\w.-]+", output))


def notification_server_available() -> bool | None:
    """Whether a freedesktop notification server can be reached on the session bus.

    True when `org.freedesktop.Notifications` is owned, or when the bus can start its owner on
    demand (as dunst and mako install themselves); False when neither. None when it cannot be
    told: not Linux or a BSD, neither gdbus nor dbus-send installed, no session bus, no answer.
    """
    if not _uses_freedesktop(sys.platform):
        return None
    name = _NOTIFICATIONS[0]
    try:
        if "true" in _tokens(_bus_query("NameHasOwner", arg=name)):
            return True
        return name in _tokens(_bus_query("ListActivatableNames"))
    except NotifyFailed as exc:
        logger.debug("cannot tell whether a notification server runs: %s", exc)
        return None


def _body_markup() -> bool:
    """Whether the notification server parses body markup; assumed so when it cannot be asked.

    Most servers do (GNOME Shell, KDE Plasma, dunst, mako, xfce4-notifyd), and there a raw
    "<b>" or "&" would be swallowed or break the whole body.
    """
    path = _NOTIFICATIONS[1]
    try:
        output = _bus_query("GetCapabilities", dest=_NOTIFICATIONS[0], path=path)
    except NotifyFailed:
        return True
    return "body-markup" in _tokens(output)


def _uses_freedesktop(platform: str) -> bool:
    return platform.startswith(("linux", "freebsd", "openbsd", "netbsd", "dragonfly"))


class DBusNotifier:
    """Freedesktop notifications on the session bus through `notify-send` or `gdbus`; no plyer.

    Both tools report failure in their exit status, which plyer ignores. The body is escaped
    when the server says it parses markup (asked once, again after a failure).
    """

    def __init__(
        self, *, tool: str | None = None, app_name: str = APP_NAME, display_s: int = DISPLAY_S
    ) -> None:
        found = tool or ("notify-send" if shutil.which("notify-send") else "gdbus")
        if found not in ("notify-send", "gdbus"):
            raise ValueError(f"tool must be 'notify-send' or 'gdbus', not {found!r}")
        self._tool = found
        self._app_name = app_name
        self._expire_ms = display_s * 1000
        self._markup: bool | None = None
        self.last_error: str | None = None

    @property
    def name(self) -> str:
        """The tool in use: "dbus/notify-send" or "dbus/gdbus"."""
        return f"dbus/{self._tool}"

    def notify(self, title: str, message: str) -> bool:
        """Send one notification; False (with `last_error`) when the tool or server refused."""
        if self._markup is None:
            self._markup = _body_markup()
        summary = safe_text(title, TITLE_LIMIT) or self._app_name
        body = safe_text(message, MESSAGE_LIMIT, newlines=True, markup=self._markup)
        try:
            _run(self._argv(summary, body))
        except NotifyFailed as exc:
            self._markup = None
            self.last_error = str(exc)
            return False
        self.last_error = None
        return True

    def _argv(self, summary: str, body: str) -> list[str]:
        if self._tool == "notify-send":
            options = [f"--app-name={self._app_name}", f"--expire-time={self._expire_ms}"]
            # "--" keeps a title such as "-5 °C" from being read as an option.
            return ["notify-send", *options, "--", summary, _strcompress_escape(body)]
        dest, path = _NOTIFICATIONS
        target = ["--dest", dest, "--object-path", path, "--method", f"{dest}.Notify"]
        arguments = [
            gvariant_string(self._app_name),
            "uint32 0",
            "''",
            gvariant_string(summary),
            gvariant_string(body),
            "@as []",
            "@a{sv} {}",
            f"int32 {self._expire_ms}",
        ]
        return ["gdbus", "call", "--session", *target, *arguments]


class OsascriptNotifier:
    """macOS Notification Center through `osascript -e 'display notification ...'`."""

    name = "osascript"

    def __init__(self) -> None:
        self.last_error: str | None = None

    def notify(self, title: str, message: str) -> bool:
        """Show one notification; False (with `last_error`) when osascript failed."""
        summary = applescript_string(safe_text(title, TITLE_LIMIT) or APP_NAME)
        body = applescript_string(safe_text(message, MESSAGE_LIMIT, newlines=True))
        try:
            _run(["osascript", "-e", f"display notification {body} with title {summary}"])
        except NotifyFailed as exc:
            self.last_error = str(exc)
            return False
        self.last_error = None
        return True


class _SubprocessProbe:
    """Stands in for `subprocess` inside a plyer backend module to see the exit codes it drops."""

    def __init__(self) -> None:
        self.failure: str | None = None

    def __getattr__(self, attribute: str) -> Any:
        return getattr(subprocess, attribute)

    def run(self, args: Sequence[str], **kwargs: Any) -> subprocess.CompletedProcess[Any]:
        kwargs.setdefault("stderr", subprocess.PIPE)
        kwargs.setdefault("stdin", subprocess.DEVNULL)
        kwargs.setdefault("timeout", TOOL_TIMEOUT_S)
        done = subprocess.run(args, check=False, **kwargs)
        if done.returncode != 0 and self.failure is None:
            error = done.stderr
            text = error.decode("utf-8", "replace") if isinstance(error, bytes) else error or ""
            self.failure = _exit_reason(str(args[0]), done.returncode, text)
        return done

    def call(self, args: Sequence[str], **kwargs: Any) -> int:
        return self.run(args, **kwargs).returncode


@contextlib.contextmanager
def _probing(module: ModuleType | None, probe: _SubprocessProbe) -> Iterator[None]:
    if module is None or getattr(module, "subprocess", None) is not subprocess:
        yield
        return
    module.subprocess = probe  # type: ignore[attr-defined]
    try:
        yield
    finally:
        module.subprocess = subprocess  # type: ignore[attr-defined]


class PlyerNotifier:
    """Notifications through plyer, with its quiet failures made visible.

    plyer picks a backend on first use. On Linux that is dbus-python when importable, else the
    `notify-send` program, or the xdg portal inside Flatpak. The program-based backends ignore
    their exit status, so this adapter watches it; the portal backend pastes text into a GVariant
    literal unescaped, so text for it is escaped here. `notify-send` is called without "--", so a
    leading "-" becomes a minus sign, and it reads C escapes in the body, so backslashes are
    doubled. `backend` overrides plyer's choice (for tests).
    """

    def __init__(
        self, *, app_name: str = APP_NAME, display_s: int = DISPLAY_S, backend: Any = None
    ) -> None:
        self._app_name = app_name
        self._display_s = display_s
        self._backend: Any = backend
        self._markup: bool | None = None
        self.last_error: str | None = None

    @property
    def name(self) -> str:
        """The backend plyer chose, by class name, e.g. "plyer/NotifySendNotification"."""
        try:
            return f"plyer/{type(self._resolve()).__name__}"
        except Exception:
            return "plyer"

    def _resolve(self) -> Any:
        if self._backend is None:
            from plyer import notification

            # plyer warns about a missing dbus module and prints tracebacks of a failed import
            # to stderr; both go to the debug log instead.
            stderr = io.StringIO()
            with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stderr(stderr):
                warnings.simplefilter("always")
                backend = object.__getattribute__(notification, "_ensure_obj")()
            for warning in caught:
                logger.debug("plyer: %s", warning.message)
            if stderr.getvalue():
                logger.debug("plyer: %s", stderr.getvalue().strip())
            self._backend = backend
        return self._backend

    def notify(self, title: str, message: str) -> bool:
        """Send one notification; False (with `last_error`) when plyer's backend failed."""
        try:
            backend = self._resolve()
            kind = type(backend).__name__
            summary, body = self._texts(kind, title, message)
            probe = _SubprocessProbe()
            with _probing(sys.modules.get(type(backend).__module__), probe):
                backend.notify(
                    title=summary, message=body, app_name=self._app_name, timeout=self._display_s
                )
        except Exception as exc:
            self._markup = None
            self.last_error = f"plyer raised {type(exc).__name__}: {exc}"
            return False
        if probe.failure is not None:
            self._markup = None
            self.last_error = f"plyer's {kind} backend: {probe.failure}"
            return False
        self.last_error = None
        return True

    def _texts(self, kind: str, title: str, message: str) -> tuple[str, str]:
        if kind in _PLYER_FREEDESKTOP:
            if self._markup is None:
                self._markup = _body_markup()
            summary = safe_text(title, TITLE_LIMIT) or self._app_name
            body = safe_text(message, MESSAGE_LIMIT, newlines=True, markup=self._markup)
            if kind == "NotifySendNotification":
                return _no_leading_dash(summary), _no_leading_dash(_strcompress_escape(body))
            return summary, body
        summary = safe_text(title, TITLE_LIMIT) or self._app_name
        body = safe_text(message, MESSAGE_LIMIT, newlines=True)
        if kind == _PLYER_PORTAL:
            return _gvariant_escape(summary), _gvariant_escape(body)
        return summary, body


def _strcompress_escape(body: str) -> str:
    """notify-send reads C escapes in the body ("\\n", "\\t", octal); a backslash must stay one."""
    return body.replace("\\", "\\\\")


def _no_leading_dash(text: str) -> str:
    return "\u2212" + text[1:] if text.startswith("-") else text


class LogNotifier:
    """The last resort: the notification goes to the log, which always works."""

    name = "log"

    def __init__(self, level: int = logging.INFO) -> None:
        self._level = level

    def notify(self, title: str, message: str) -> bool:
        """Log the notification; always True."""
        logger.log(self._level, "notification: %s: %s", title, message)
        return True


class FallbackNotifier:
    """Tries each notifier in order until one delivers; never raises.

    A notifier that fails or raises is logged once as a warning (its name and the reason), then
    rested for `cool_off_s` before it is tried again; a repeat of the same reason after the rest
    goes to the debug log only. `active_backend` names the last notifier that delivered.
    """

    name = "fallback"

    def __init__(
        self,
        chain: Sequence[Notifier],
        *,
        cool_off_s: float = COOL_OFF_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not chain:
            raise ValueError("a FallbackNotifier needs at least one notifier")
        self.chain = list(chain)
        self._cool_off_s = cool_off_s
        self._clock = clock
        self._resting_until: dict[int, float] = {}
        self._reported: dict[int, str] = {}
        self.active_backend: str | None = None

    def notify(self, title: str, message: str) -> bool:
        """Deliver through the first notifier that works; False only when none did."""
        now = self._clock()
        for index, notifier in enumerate(self.chain):
            if self._resting_until.get(index, now) > now:
                continue
            reason = _attempt(notifier, title, message)
            name = _name_of(notifier, index)
            if reason is None:
                if self._reported.pop(index, None) is not None:
                    logger.info("notification backend %s works again", name)
                self._resting_until.pop(index, None)
                self.active_backend = name
                return True
            self._resting_until[index] = now + self._cool_off_s
            if self._reported.get(index) == reason:
                logger.debug("notification backend %s still fails: %s", name, reason)
            else:
                self._reported[index] = reason
                logger.warning(
                    "notification backend %s failed (%s); trying it again in %s",
                    name,
                    reason,
                    format_duration(self._cool_off_s, "short"),
                )
        return False


def _attempt(notifier: Notifier, title: str, message: str) -> str | None:
    """None when `notifier` delivered, else the reason it did not."""
    try:
        if notifier.notify(title, message):
            return None
    except Exception as exc:  # one broken backend must not stop the loop
        logger.debug("notification backend raised", exc_info=True)
        return f"raised {type(exc).__name__}: {exc}"
    return str(getattr(notifier, "last_error", None) or "it reported a failure")


def _name_of(notifier: Notifier, index: int) -> str:
    try:
        return str(notifier.name)
    except Exception:
        return f"#{index + 1} ({type(notifier).__name__})"


def build_notifier(preference: str = "auto", *, platform: str = sys.platform) -> FallbackNotifier:
    """The notifier chain for this machine, always ending with the log.

    "auto" goes through plyer first, then the platform's own mechanism (D-Bus on Linux and the
    BSDs, osascript on macOS), then the log; on Windows it is plyer, then the log. "native"
    puts the platform's own mechanism first: it reports failures honestly and honours the
    display time, where plyer's notify-send backend keeps every notification until dismissed.
    "plyer" is the same order as "auto", and "log" keeps only the log.
    """
    if preference not in PREFERENCES:
        raise ValueError(f"unknown notifier {preference!r}; choose one of {', '.join(PREFERENCES)}")
    native: list[Notifier] = []
    if _uses_freedesktop(platform):
        native.append(DBusNotifier())
    elif platform == "darwin":
        native.append(OsascriptNotifier())
    plyer: list[Notifier] = [PlyerNotifier()]
    chain: list[Notifier] = {
        "auto": plyer + native,
        "native": native + plyer,
        "plyer": plyer + native,
        "log": [],
    }[preference]
    return FallbackNotifier([*chain, LogNotifier()])
