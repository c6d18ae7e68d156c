"""Errors a user can see: each carries one clear sentence and becomes a non-zero exit status."""


class UserError(Exception):
    """A problem shown as one sentence without a traceback.

    Exit status 2 means the user asked for something wrong (a missing file, a bad option);
    1 means something outside their request failed (no network to fetch a model).
    """

    def __init__(self, message: str, exit_status: int = 2) -> None:
        super().__init__(message)
        self.exit_status = exit_status
