"""Where a processing comes from: set per request by the middleware, empty in tasks."""

import uuid
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Oorsprong:
    trace_id: uuid.UUID = field(default_factory=uuid.uuid4)
    ip: str | None = None
    user_agent: str = ""


current_oorsprong: ContextVar[Oorsprong | None] = ContextVar("oorsprong", default=None)


def get_oorsprong() -> Oorsprong:
    return current_oorsprong.get() or Oorsprong()
