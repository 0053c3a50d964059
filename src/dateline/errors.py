"""Every exception Dateline raises, in one tree.

Inside a stage a problem is an exception; at the batch level the runner turns
it into a ``Failure`` value (stored in the errors table) and the batch goes on.
"""

MAX_REASON_CHARS = 300  # a reason longer than this is cut: an error line stays readable


def shorten(reason: str) -> str:
    """``reason`` cut to ``MAX_REASON_CHARS`` characters, saying how long it was."""
    if len(reason) <= MAX_REASON_CHARS:
        return reason
    return f"{reason[:MAX_REASON_CHARS]}… ({len(reason)} characters)"


class DatelineError(Exception):
    """Base of every error Dateline raises on purpose."""


class InputError(DatelineError):
    """An input cannot be read or makes no document: names the input and the reason."""

    def __init__(self, path: str, reason: str):
        reason = shorten(reason)
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class RecordTooLongError(InputError):
    """One record (a line, a CSV row, a header) of a streamed input is over the size cap;
    the rest of the input can still be read."""


class ConfigError(DatelineError):
    """A settings file or a user vocabulary file is malformed."""


class PipelineError(ConfigError):
    """The stages asked for cannot make a pipeline: an unknown or broken one, or one that
    requires a field no stage before it assigns."""


class ModelNotFoundError(DatelineError):
    """The configured spaCy model is not installed."""


class MissingExtraError(DatelineError):
    """An optional part needs an extra that is not installed."""

    def __init__(self, feature: str, extra: str):
        super().__init__(f"{feature} needs the [{extra}] extra: pip install 'dateline[{extra}]'")


class StoreError(DatelineError):
    """The event database refused an operation: cannot open, bad or writing SQL query."""


class UsageError(DatelineError, ValueError):
    """A call named something that does not exist or gave a value out of its range: an
    unknown format, period, frame kind, sort key or filter, a date that is no date."""


class WorkerError(DatelineError):
    """A worker process or cluster died or refused work: what it held was not stored."""
