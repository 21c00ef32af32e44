"""Realistic-looking scrutiny text for synthetic councils: titles, descriptions, officers.

Everything is drawn from a seeded ``random.Random``; long texts are built from a pool
of pre-made sentences so that 100,000 topics take seconds, not minutes.
"""

from __future__ import annotations

import random

SUBJECTS = (
    "Children's Social Care", "Special Educational Needs and Disabilities", "Home to School "
    "Transport", "Adult Social Care Charging", "Highways Maintenance", "Flood Risk Management",
    "Waste Collection and Recycling", "Libraries Transformation", "Public Health Outcomes",
    "Domestic Abuse Services", "Corporate Parenting", "Early Help", "Youth Justice",
    "Housing Allocations", "Homelessness Prevention", "Climate Change Action Plan",
    "Budget Monitoring", "Medium Term Financial Strategy", "Capital Programme",
    "Workforce Strategy", "Digital Inclusion", "Community Safety Partnership",
    "Mental Health Services for Young People", "Fostering Recruitment", "School Place Planning",
    "Skills and Apprenticeships", "Bus Service Improvement Plan", "Air Quality",
    "Trading Standards", "Fire and Rescue Inspection", "Leisure Centres Contract",
    "Customer Services Performance", "Council Tax Support Scheme", "Planning Enforcement",
    "Local Plan Review", "Unaccompanied Asylum Seeking Children", "Carers Strategy",
    "Hospital Discharge Arrangements", "Safeguarding Adults Board Annual Report",
    "Elective Home Education", "Exclusions and Alternative Provision", "Rural Broadband",
)  # fmt: skip
KINDS = (
    "Update", "Annual Report", "Review", "Performance Report", "Progress Report",
    "Strategy Consultation", "Inspection Outcome", "Scrutiny Review", "Implementation Plan",
    "Budget Proposals", "Six-monthly Update", "Task Group Recommendations: Response",
)  # fmt: skip
OPENINGS = (
    "The Committee will receive a report on", "Members will scrutinise", "To review progress on",
    "The Select Committee is asked to consider", "An update will be provided on",
    "Following the previous meeting, officers will report back on",
    "The Cabinet Member will attend to answer questions on",
    "To examine the impact of recent changes to",
)  # fmt: skip
CONCERNS = (
    "performance against the agreed targets", "the budget position and projected overspend",
    "the findings of the most recent inspection", "demand pressures and waiting times",
    "the recruitment and retention of qualified staff", "the views of residents and service users",
    "partnership working with health and the voluntary sector", "value for money",
    "the equalities impact on protected groups", "the risks set out in the corporate risk register",
    "lessons learned from complaints", "the timetable for implementation",
    "benchmarking against comparable authorities", "the outcome of the public consultation",
)  # fmt: skip
OUTCOMES = (
    "The Committee is assured that", "Members make recommendations to Cabinet on",
    "The Committee understands", "Scrutiny identifies areas for improvement in",
    "Members receive assurance about", "The Committee agrees how it will monitor",
)  # fmt: skip
PLACES = (
    "in each district", "across the county", "for the most vulnerable residents",
    "within the agreed budget", "over the next twelve months", "since the last update",
)  # fmt: skip
FIRST = (
    "Sarah", "James", "Priya", "Tom", "Helen", "David", "Aisha", "Mark", "Rachel", "Owen",
    "Claire", "Gareth", "Fiona", "Rob", "Nicola", "Liam", "Sian", "Andrew", "Joanne", "Ian",
)  # fmt: skip
LAST = (
    "Evans", "Patel", "Thompson", "Hughes", "Clarke", "Begum", "Roberts", "Walker", "Jones",
    "Davies", "Wright", "Khan", "Morgan", "Taylor", "Price", "Lewis", "Shaw", "Green",
)  # fmt: skip
POSTS = (
    "Director of Children's Services", "Assistant Director, Education", "Head of Commissioning",
    "Executive Director of Resources", "Strategic Finance Manager", "Head of Highways",
    "Director of Public Health", "Service Manager, Early Help",
    "Head of Policy and Performance", "Principal Scrutiny Officer",
)  # fmt: skip
COMMITTEES = (
    "Children and Education", "Adults and Health", "Communities, Environment and Highways",
    "Resources and Performance", "Place and Economy", "Housing", "Crime and Disorder",
    "Health and Wellbeing", "Corporate Overview", "Climate and Sustainability",
    "Transport", "Culture and Leisure",
)  # fmt: skip
SCOPES = (
    "Countywide Position", "Progress Since the Last Review", "Residents' Experience",
    "Delivery and Finance",
)  # fmt: skip
SEASONS = ("Early", "Spring", "Summer", "Autumn", "Late", "Q3", "Q4")


class TextMaker:
    """Seeded text of realistic lengths (titles 30-80 characters, long texts 150-500)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.sentences = [self._sentence() for _ in range(3000)]
        self.outcome_sentences = [self._outcome() for _ in range(1500)]
        self.people = [
            f"{rng.choice(FIRST)} {rng.choice(LAST)}, {rng.choice(POSTS)}" for _ in range(400)
        ]

    def _sentence(self) -> str:
        r = self.rng
        return (
            f"{r.choice(OPENINGS)} {r.choice(SUBJECTS).lower()}, including "
            f"{r.choice(CONCERNS)} and {r.choice(CONCERNS)} {r.choice(PLACES)}."
        )

    def _outcome(self) -> str:
        r = self.rng
        return f"{r.choice(OUTCOMES)} {r.choice(CONCERNS)} {r.choice(PLACES)}."

    def title(self) -> str:
        r = self.rng
        text = f"{r.choice(SUBJECTS)} {r.choice(KINDS)}"
        if len(text) < 30:
            text += f" – {r.choice(SCOPES)}"
        return text[:80]

    def _long(self, pool: list[str]) -> str:
        r = self.rng
        target = r.randint(150, 500)
        parts: list[str] = []
        size = 0
        while size < target:
            sentence = r.choice(pool)
            parts.append(sentence)
            size += len(sentence) + 1
        return " ".join(parts)[:500]

    def description(self) -> str:
        return self._long(self.sentences)

    def outcome(self) -> str:
        return self._long(self.outcome_sentences)

    def officers(self) -> str:
        return "; ".join(self.rng.sample(self.people, self.rng.randint(1, 3)))

    def person(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
