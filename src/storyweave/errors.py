"""One exception tree, so callers catch storyweave's errors without knowing which
library raised them. Driver and parser errors are translated where they occur."""


class StoryweaveError(Exception):
    """Base of every error storyweave raises on purpose."""

    hint: str = ""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        if hint:
            self.hint = hint


class InputError(StoryweaveError):
    """A file, URL or record could not be read as an article."""


class FetchError(InputError):
    """A URL could not be fetched, or fetching it is not allowed (SSRF, robots.txt)."""


class ConfigError(StoryweaveError):
    """A setting is missing or wrong (model not installed, bad database URL)."""


class StoreError(StoryweaveError):
    """The database refused an operation."""


class NotFound(StoryweaveError):
    """An article or story id that the store does not hold."""
