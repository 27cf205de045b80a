"""The ``marsad`` command-line tool: one module of thin commands per stage."""

from __future__ import annotations

import importlib
import logging

from marsad.cli.app import app

# Each module registers its commands on ``app`` when imported.
_COMMAND_MODULES = ("core", "explain", "geo", "dedup", "serve", "tokens", "watch", "batch", "stores")


def _register() -> None:
    for name in _COMMAND_MODULES:
        try:
            importlib.import_module(f"marsad.cli.{name}")
        except ModuleNotFoundError as exc:  # a stage not built yet must not break the others
            if exc.name != f"marsad.cli.{name}":
                raise


_register()


def main() -> None:
    """Entry point of the ``marsad`` console script."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()


__all__ = ["app", "main"]
