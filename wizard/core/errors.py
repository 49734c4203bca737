"""The errors a bundle or an input file can end a run with; each message says why and what to do."""

from __future__ import annotations


class BundleError(Exception):
    """A bundle that cannot be written (exit 1)."""


class BundleExistsError(BundleError):
    """The target folder has files in it and --force was not given."""


class BundleBusyError(BundleError):
    """Another run is writing the same folder right now."""


class InputError(BundleError):
    """An input file whose content is not what it should be (exit 2: invalid input)."""
