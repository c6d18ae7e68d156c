"""The one error model provisioning raises: a sentence a user can act on."""


class ModelError(Exception):
    """A model could not be provided; `str(error)` is one clear sentence for the user."""
