"""Widgets of the Textual wizard: the step indicator, the step panes and the policy preview."""
