"""One module per document; each builds a policy as plain data from resolved answers."""
