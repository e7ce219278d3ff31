"""Application logs as JSON lines without secrets (SECURITY LG-03, LG-07).

`JsonFormatter` writes one JSON object per record on one line: time (UTC, ISO 8601
with its offset), level, logger, message and, when there is one, the exception.
json.dumps escapes newlines and control characters, so a message cannot forge a
second log line.

`RedactingFilter`, attached to the handler, removes what must never reach a log:
BSN-like numbers (any run of exactly nine digits), the values of passwords,
session ids and CSRF tokens written as key=value or as a JSON/dict pair, and the
values of Cookie and Authorization headers. It works on the message after
%-formatting and on the exception text (the traceback and its message).

This is the last line of defence, not a licence to log personal data: code logs
ids, never names, BSNs or the contents of a dossier, and health data is never
logged at all (nothing here could recognise it).
"""

import datetime as dt
import json
import logging
import re

BSN_MASK = "[BSN]"
MASK = "[REDACTED]"

# Exactly nine digits standing on their own (not inside a longer number or a word):
# a BSN, or something that looks enough like one to be treated as one. "BSN" or
# "bsn" right in front still counts. Hex ids stay whole: no UUID group is nine
# characters long, so nine digits in a UUID always touch a letter or digit.
_BSN = re.compile(r"(?:(?<![0-9A-Za-z])|(?<=bsn)|(?<=BSN))\d{9}(?![0-9A-Za-z])")

# A quoted string (either quote, with escapes) or a bare value.
_QUOTED = r""""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'"""

# Header values: everything up to the end of the line, or the quoted string (a
# WSGI environ or headers dict shown as repr: 'HTTP_COOKIE': 'sessionid=...').
_HEADER = re.compile(
    r"""(?P<key>\b(?:http_)?(?:set[-_]cookie|cookie|proxy[-_]authorization|"""
    r"""authorization|x[-_]csrftoken)\b["']?)"""
    r"""(?P<sep>\s*[:=]\s*)(?!\s*\[REDACTED\])"""
    rf"""(?P<value>{_QUOTED}|[^\r\n]+)""",
    re.IGNORECASE,
)

# key=value (form data, query strings, cookies), key: value, "key": "value" and
# 'key': ['value'] (a QueryDict's repr). The key may carry a prefix or suffix:
# new_password1, __Host-sessionid, X-CSRFToken.
_SECRET = re.compile(
    r"""(?P<key>["']?[\w-]*(?:password|passwd|wachtwoord|sessionid|session_key|"""
    r"""csrftoken|csrfmiddlewaretoken|secret|api[-_]?key|token)[\w-]*["']?)"""
    r"""(?P<sep>\s*[=:]\s*)(?!\s*\[REDACTED\])(?P<open>\[\s*)?"""
    rf"""(?P<value>{_QUOTED}|[^\s&;,'"\]\}}\)]+)""",
    re.IGNORECASE,
)


def _mask(match: re.Match) -> str:
    value = match.group("value")
    quote = value[0] if value[:1] in ("'", '"') else ""
    opening = match.groupdict().get("open") or ""
    return f"{match.group('key')}{match.group('sep')}{opening}{quote}{MASK}{quote}"


def redact(text: str) -> str:
    """`text` without secrets and BSN-like numbers."""
    text = _HEADER.sub(_mask, text)
    text = _SECRET.sub(_mask, text)
    return _BSN.sub(BSN_MASK, text)


def _redact_value(value):
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: _redact_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_redact_value(item) for item in value]
    return value


class RedactingFilter(logging.Filter):
    """Rewrites a record in place: the formatted message and the exception text,
    both redacted. Never refuses a record and never raises (a logging call must
    not break the code that made it)."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # bad %-arguments: keep the template, drop the args
            message = f"{record.msg} [argumenten niet te formatteren]"
        record.msg = redact(str(message))
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        if isinstance(getattr(record, "data", None), dict):
            record.data = _redact_value(record.data)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line. Fields: time, level, logger, message, and
    exc_info, stack_info and data (a dict passed as extra={"data": ...}) when
    present. Redacts once more, so it is safe even on a handler without the
    filter."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exc_info"] = redact(record.exc_text)
        if record.stack_info:
            entry["stack_info"] = redact(record.stack_info)
        data = getattr(record, "data", None)
        if isinstance(data, dict):
            entry["data"] = _redact_value(data)
        return json.dumps(entry, default=str)
