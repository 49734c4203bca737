"""The Textual face of the wizard: screens, widgets and styles; no policy logic lives here."""
