"""Step 6: the answers in one place, every open problem, and the files the bundle will hold."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Button, Static

from wizard.core.fields import STEPS, key_kind, region_choices, step_for
from wizard.core.problems import Problem
from wizard.core.render import Bundle
from wizard.tui.text import plain
from wizard.tui.widgets.steps.base import StepPane
from wizard.tui.widgets.steps.principals import describe
from wizard.tui.widgets.wrapped_text import WrappedText

TITLES = {step.id: step.title for step in STEPS}


class ReviewPane(StepPane):
    FIRST = "#review-save"

    def compose_fields(self) -> ComposeResult:
        yield WrappedText(id="review-summary")
        yield Static("Open problems", classes="label")
        yield Static(id="review-problems")
        yield Static("Files in the bundle", classes="label")
        yield WrappedText(id="review-files")
        yield Button("Save bundle… (ctrl+s)", id="review-save", variant="success", compact=True)

    def focus_first(self) -> None:
        """Save takes the keys (Enter saves), while the pane stays at its top: the answers are what Review
        is for, and focusing the button at the bottom would scroll them out of view."""
        self.query_one(self.FIRST).focus(scroll_visible=False)
        self.scroll_home(animate=False, immediate=True)

    def show(self, bundle: Bundle, problems: list[Problem]) -> None:
        a = self.answers
        regions = {c.value: c.label for c in region_choices()}
        key = a.key.strip()
        kind = ("AWS managed key" if key_kind(key) == "managed" else "customer managed key") if key else ""
        lines = [
            ("Region", regions.get(a.region.strip(), a.region) or "—"),
            ("Account", a.account or "—"),
            ("Key", f"{key} ({kind})" if key else "—"),
            ("Streams", ", ".join(a.streams) or "—"),
            ("Fan-out", "on" if a.fan_out else "off"),
        ]
        # Values wrap under themselves, long ARNs after a `:` or `/` (WrappedText).
        summary = [(Content.assemble((f"{name:<9}", "bold"), plain(value)), 9) for name, value in lines]
        principals = [(f"{'':<9}{describe(p, a)}", 9) for p in a.principals] or [(f"{'':<9}—", 9)]
        self.query_one("#review-summary", WrappedText).update(
            [*summary, (Content.styled("Roles", "bold"), 0), *principals])

        if bundle.problems:
            rows = []
            for problem in bundle.problems:
                step = step_for(problem.field)
                rows.append(Content.assemble(
                    ("• ", "$text-error"), plain(str(problem)), " ",
                    Content.from_markup(f"[@click=screen.goto('{step}')]→ {TITLES[step]}[/]")))
            text = Content("\n").join(rows)
        else:
            text = Content.styled("None: the bundle can be saved.", "$text-success")
        self.query_one("#review-problems", Static).update(text)
        from wizard.core.bundle import bundle_file_names  # README and manifest code, needed only here and at save

        names = bundle_file_names(bundle)
        self.query_one("#review-files", WrappedText).update([(f"  {name}", 4) for name in names])
