"""The product: answers, validation, policy generation, size limits and bundles.

Standard library only. The faces (Textual app, prompts, command line) import this package;
it never imports them or their libraries.
"""
