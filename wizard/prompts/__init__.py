"""The plain face: the wizard's questions asked line by line with questionary.

Every question, rule, choice and the order of steps come from `wizard.core.fields`; this
package only renders them, so it cannot drift from the Textual app or `generate`.
"""
