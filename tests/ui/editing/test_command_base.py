"""Every undoable command says how it applies and reverts itself."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from ui.editing.command_base import EditCommand


def test_a_command_without_revert_is_refused_when_its_class_is_made() -> None:
    with pytest.raises(TypeError, match="Half must define revert"):

        class Half(EditCommand):
            def apply(self, session: Session) -> None:
                pass


def test_a_command_with_both_steps_is_accepted() -> None:
    class Whole(EditCommand):
        def apply(self, session: Session) -> None:
            pass

        def revert(self, session: Session) -> None:
            pass

    assert callable(Whole.apply) and callable(Whole.revert)
