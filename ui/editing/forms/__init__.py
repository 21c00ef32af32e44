"""One dialog per kind of record."""

from __future__ import annotations

from ui.editing.forms.base import FormContext, RecordForm
from ui.editing.forms.group import GroupForm
from ui.editing.forms.recommendation import RecommendationForm
from ui.editing.forms.simple import (
    ActionForm,
    ActivityForm,
    CommitteeForm,
    MeetingForm,
    MemberForm,
)
from ui.editing.forms.topic import TopicForm

FORMS: dict[str, type[RecordForm]] = {
    form.kind: form
    for form in (
        TopicForm, MeetingForm, GroupForm, RecommendationForm, ActionForm, MemberForm,
        ActivityForm, CommitteeForm,
    )
}  # fmt: skip

__all__ = ["FORMS", "FormContext", "RecordForm"]
