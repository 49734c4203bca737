"""Screens of the Textual wizard: the wizard itself and its modal dialogs."""
