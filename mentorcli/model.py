"""The cohort file, format version 1, as typed data.

These pydantic models are the schema: `mentorcli validate` checks a file against them,
`mentorcli schema` prints their JSON Schema, and every other module reads cohorts through
them. Key names are a public contract (see docs/format.md): never rename one.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from mentorcli.i18n import _

FORMAT_VERSION = 1

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")
# Pragmatic address check: one @, no spaces, a dot in the domain. Full RFC 5322 is not
# what a coordinator needs; a typo like "alice.example.com" or "alice@example" is.
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def _quoted(value: str, width: int = 40) -> str:
    """'value' in quotes for a message, shortened with '...' past `width` characters.

    Python's quoting (control characters escaped), in the language's quotation marks: «
    value » in French. A value holding an apostrophe keeps Python's double quotes."""
    shown = repr(value if len(value) <= width else value[:width - 3] + "...")
    if shown.startswith("'"):
        return _("'{value}'").format(value=shown[1:-1])
    return shown


def _check_slug(value: str) -> str:
    if not SLUG_RE.match(value):
        raise ValueError(_("{value} is not a valid id: use lower-case letters, digits and '-' "
                           "(e.g. 'alice-martin')").format(value=_quoted(value)))
    return value


def _check_email(value: str) -> str:
    if not EMAIL_RE.match(value):
        raise ValueError(_("{value} is not a valid email address (e.g. 'name@example.com')")
                         .format(value=_quoted(value)))
    return value


def _check_timezone(value: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder, a long name
        raise ValueError(_("{value} is not a known time zone (use an IANA name like "
                           "'Europe/Paris')").format(value=_quoted(value))) from None
    return value


def _sexagesimal(value: Any) -> Any:
    """9:30 is 09:30; and a YAML 1.1 reader's number 570 (an unquoted 9:30 as minutes) too."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return f"{value // 60:02d}:{value % 60:02d}"
    if isinstance(value, str) and re.fullmatch(r"[0-9]:[0-5][0-9]", value):
        return "0" + value
    return value


def _check_clock(value: str) -> str:
    if not re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", value):
        raise ValueError(_("{value} is not a time of day: write it as HH:MM, e.g. '14:30'")
                         .format(value=_quoted(value)))
    return value


Slug = Annotated[str, AfterValidator(_check_slug)]
Email = Annotated[str, AfterValidator(_check_email)]
TimeZone = Annotated[str, AfterValidator(_check_timezone)]
Percent = Annotated[int, Field(ge=0, le=100)]
Rating = Annotated[int, Field(ge=1, le=5)]
ClockTime = Annotated[str, BeforeValidator(_sexagesimal), AfterValidator(_check_clock)]

Language = Literal["en", "fr"]
CohortKind = Literal["classic", "reverse", "peer"]
Cadence = Literal["weekly", "biweekly", "monthly"]
Role = Literal["mentor", "mentee", "both"]
PairStatus = Literal["proposed", "active", "ended"]
Mode = Literal["in-person", "video", "phone"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class Strict(BaseModel):
    """Base of every section: unknown keys are errors, never silently ignored.

    A list or mapping key left empty (`pairs:` with nothing under it) reads as empty; a
    section with defaults left empty (`matching:`, `weights: ~`) reads as its defaults.
    """

    model_config = ConfigDict(extra="forbid", frozen=False, validate_default=False,
                              allow_inf_nan=False)

    @model_validator(mode="before")
    @classmethod
    def _empty_collections(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        empty = [name for name, value in data.items() if value is None
                 and name in cls.model_fields and cls._is_collection(name)]
        if not empty:
            return data
        data = dict(data)
        for name in empty:
            data[name] = [] if cls.model_fields[name].default_factory is list else {}
        return data

    @classmethod
    def _is_collection(cls, name: str) -> bool:
        """Whether the field `name` may be left empty: a list, a mapping or a section."""
        factory = cls.model_fields[name].default_factory
        return factory in (list, dict) or (isinstance(factory, type)
                                           and issubclass(factory, BaseModel))


class Coordinator(Strict):
    name: str = Field(description="Coordinator's full name, printed on contracts.")
    email: Email = Field(description="Coordinator's email address.")


class Meetings(Strict):
    """When and where `mentorcli schedule` books the meetings of every pair."""

    days: list[Weekday] = Field(
        default_factory=lambda: ["mon", "tue", "wed", "thu", "fri"],
        description="Weekdays meetings may fall on (mon ... sun); a date on another day moves "
                    "to the next one listed.")
    start: ClockTime = Field("10:00", description="Earliest start of a meeting, HH:MM.")
    end: ClockTime = Field("17:00", description="Latest end of a meeting, HH:MM.")
    location: str | None = Field(
        None, description="Room, address or video link of every meeting (a pair may set its "
                          "own).")


class PairMeeting(Strict):
    """A pair's preferred meeting slot and place (`mentorcli schedule`)."""

    day: Weekday | None = Field(None, description="Preferred weekday, mon ... sun.")
    time: ClockTime | None = Field(None, description="Preferred start, HH:MM.")
    location: str | None = Field(None, description="Room, address or video link.")


class Cohort(Strict):
    id: Slug = Field(description="Cohort id: a-z, 0-9 and '-'. Used in file names.")
    name: str = Field(description="Human name of the programme.")
    language: Language = Field("en", description="Language of contracts and reports.")
    kind: CohortKind = Field(
        "classic",
        description="classic (mentor more senior), reverse (mentee more senior), peer.",
    )
    start: dt.date = Field(description="First day of the programme.")
    end: dt.date = Field(description="Last day of the programme.")
    cadence: Cadence = Field("monthly", description="Expected rhythm of meetings.")
    session_minutes: int = Field(60, gt=0, description="Expected length of one meeting.")
    coordinator: Coordinator | None = Field(None, description="Who runs the programme.")
    meetings: Meetings = Field(
        default_factory=Meetings, description="Meeting days, hours and place for `schedule`.")


class Result(Strict):
    date: dt.date = Field(description="When the value was measured.")
    value: float = Field(description="The measured value, in the objective's unit.")


class Objective(Strict):
    id: Slug = Field(description="Objective id, referred to by participants and goals.")
    title: str = Field(description="What the programme wants to achieve.")
    measure: str | None = Field(None, description="How it is measured.")
    target: float | None = Field(None, description="Target value, in `unit`.")
    unit: str = Field("", description="Unit of target and results, e.g. '%'.")
    results: list[Result] = Field(default_factory=list, description="Measured values.")
    compute: Literal["goals-reached", "retention", "promotion", "mobility", "satisfaction",
                     "nps"] | None = Field(
        None, description="Computed by `mentorcli evaluate` from the file: goals-reached, "
                          "retention, promotion, mobility, satisfaction or nps.")


class Weights(Strict):
    goals: float = Field(4, ge=0, description="Mentee goals covered by mentor skills.")
    objectives: float = Field(2, ge=0, description="Programme objectives in common.")
    department: float = Field(1, ge=0, description="Different departments.")
    seniority: float = Field(1, ge=0, description="Seniority gap fits the cohort kind.")
    location: float = Field(1, ge=0, description="Same site or overlapping hours.")
    preference: float = Field(2, ge=0, description="Named in `prefer`.")
    language: float = Field(
        1, ge=0, description="A language in common (only with common_language: prefer)."
    )


class Rules(Strict):
    reporting_line: Literal["forbid", "allow"] = Field(
        "forbid", description="Pairs inside one management chain."
    )
    same_department: Literal["allow", "avoid", "forbid"] = Field(
        "allow", description="Pairs inside one department."
    )
    min_seniority_gap: float = Field(
        3, ge=0, description="Years; reverse cohorts invert it, peer cohorts ignore it."
    )
    common_language: Literal["require", "prefer"] = Field(
        "require", description="Whether a shared language is a hard rule."
    )
    trained_mentors_only: bool = Field(False, description="Only mentors with a `trained` date.")


class Matching(Strict):
    weights: Weights = Field(default_factory=Weights)
    rules: Rules = Field(default_factory=Rules)


class FollowUp(Strict):
    """Thresholds of the health verdicts in `mentorcli report`."""

    behind_missing: int = Field(
        1, ge=1, description="Expected meetings missing to be 'behind'."
    )
    at_risk_missing: int = Field(
        2, ge=1, description="Expected meetings missing to be 'at risk'."
    )
    at_risk_rating: float = Field(
        2.5, ge=1, le=5, description="A mean rating at or under this is 'at risk'."
    )
    inactive_periods: int = Field(
        2, ge=1, description="Cadence periods without a meeting to be 'inactive'."
    )


class Participant(Strict):
    id: Slug = Field(description="Participant id, used everywhere else in the file.")
    name: str = Field(description="Full name.")
    email: Email = Field(description="Work email; unique in the cohort.")
    role: Role = Field(description="mentor, mentee, or both.")
    employee_id: str | None = Field(None, description="HR system number (text: keeps zeros).")
    title: str | None = Field(None, description="Job title.")
    department: str | None = Field(None, description="Department or service.")
    manager: Slug | None = Field(
        None, description="Id of their manager, in `participants` or in `org`."
    )
    seniority: float | None = Field(None, ge=0, description="Years of experience.")
    location: str | None = Field(None, description="Site, e.g. 'Lyon'.")
    timezone: TimeZone | None = Field(None, description="IANA time zone, e.g. Europe/Paris.")
    languages: list[str] | None = Field(
        None, description="Languages spoken; default: the cohort language."
    )
    skills: list[str] = Field(default_factory=list, description="What a mentor offers.")
    capacity: int = Field(1, ge=0, description="Most mentees at once (mentors).")
    trained: dt.date | None = Field(None, description="Date of mentor training.")
    goals: list[str] = Field(default_factory=list, description="What a mentee wants to grow.")
    objectives: list[Slug] = Field(
        default_factory=list, description="Programme objectives they join for."
    )
    prefer: list[Slug] = Field(default_factory=list, description="Ids they would like.")
    avoid: list[Slug] = Field(default_factory=list, description="Ids they must not meet.")
    anonymized: dt.date | None = Field(
        None, description="Set by `forget`/`anonymize`: personal data was removed that day."
    )
    example: bool = Field(
        False, description="An example person written by `init`: never paired; remove them "
                           "before pairing.")

    def speaks(self, cohort_language: str) -> list[str]:
        """The languages this person speaks, defaulting to the cohort's."""
        return self.languages if self.languages is not None else [cohort_language]

    @property
    def can_mentor(self) -> bool:
        return self.role in ("mentor", "both")

    @property
    def can_be_mentored(self) -> bool:
        return self.role in ("mentee", "both")


class Goal(Strict):
    id: Slug = Field(description="Goal id, unique within the pair.")
    text: str = Field(description="What the mentee will achieve.")
    measure: str | None = Field(None, description="How success is measured.")
    objective: Slug | None = Field(None, description="Programme objective it serves.")
    due: dt.date | None = Field(None, description="Due date.")
    progress: Percent = Field(0, description="Percent done, 0-100.")


class Signed(Strict):
    mentor: dt.date | None = Field(None, description="Date the mentor signed.")
    mentee: dt.date | None = Field(None, description="Date the mentee signed.")
    coordinator: dt.date | None = Field(
        None, description="Date the coordinator signed for the programme.")


class Pair(Strict):
    mentor: Slug = Field(description="Mentor's participant id.")
    mentee: Slug = Field(description="Mentee's participant id.")
    status: PairStatus = Field("proposed", description="proposed, active or ended.")
    locked: bool = Field(False, description="Pairing never changes a locked pair.")
    score: float | None = Field(None, ge=0, le=1, description="Fit score, written by pairing.")
    why: str | None = Field(None, description="Why pairing proposed it.")
    started: dt.date | None = Field(None, description="Start of the relationship.")
    ended: dt.date | None = Field(None, description="End of the relationship.")
    end_reason: str | None = Field(None, description="Why it ended (no-fault).")
    signed: Signed | None = Field(None, description="Contract signature dates.")
    goals: list[Goal] = Field(default_factory=list, description="The pair's own objectives.")
    exception: str | None = Field(
        None, description="The coordinator's reason for keeping a pair that breaks a pairing "
                          "rule; the rule check is then off for this pair.")
    meeting: PairMeeting | None = Field(
        None, description="Preferred meeting day, time and place (`schedule`).")


class SessionRating(Strict):
    mentor: Rating | None = Field(None, description="Mentor's rating, 1-5.")
    mentee: Rating | None = Field(None, description="Mentee's rating, 1-5.")


class Session(Strict):
    mentor: Slug = Field(description="Mentor's participant id.")
    mentee: Slug = Field(description="Mentee's participant id.")
    date: dt.date = Field(description="Day of the meeting.")
    minutes: int = Field(gt=0, description="Length in minutes.")
    mode: Mode | None = Field(None, description="in-person, video or phone.")
    rating: SessionRating | None = Field(None, description="Satisfaction, 1-5 each side.")
    notes: str | None = Field(
        None, description="Confidential: never printed by any report or export."
    )


# ------------------------------------------------ evaluation, supervision and support
# (docs/evaluation.md). Confidential keys: `comments` of a response and `description` of
# a concern, like a session's `notes`, are never printed by any report, export or message.

QuestionKind = Literal["rating", "nps", "yesno", "choice", "text"]
Measure = Literal["satisfaction", "nps", "goals", "relationship"]
SurveyStage = Literal["mid", "end"]
SurveyRole = Literal["mentor", "mentee"]
Severity = Literal["low", "medium", "high"]
ConcernStatus = Literal["open", "resolved"]


class Evaluation(Strict):
    """Settings of the programme evaluation (`mentorcli evaluate`)."""

    min_group: int = Field(
        5, ge=2, description="Fewest respondents for an average, rate or distribution.")
    supervision_days: int = Field(
        90, ge=1, description="Longest gap between two supervisions of a mentor, in days.")


class Question(Strict):
    id: Slug = Field(description="Question id, unique within the survey.")
    text: str = Field(description="The question as printed.")
    kind: QuestionKind = Field(description="rating (1-5), nps (0-10), yesno, choice, text.")
    measure: Measure | None = Field(
        None, description="What the report computes from it: satisfaction, nps, goals, "
                          "relationship.")
    options: list[str] = Field(default_factory=list, description="Answers of a choice.")
    required: bool = Field(False, description="Whether an answer is required.")


class Survey(Strict):
    id: Slug = Field(description="Survey id, e.g. mid-mentee.")
    title: str = Field(description="Title printed on the questionnaire.")
    stage: SurveyStage = Field(description="mid (mid-programme) or end (end of programme).")
    role: SurveyRole = Field(description="Who answers: mentor or mentee.")
    questions: list[Question] = Field(default_factory=list, description="The questions.")


AnswerValue = int | float | str | bool


class Response(Strict):
    survey: Slug = Field(description="Survey id (in `surveys` or a shipped default).")
    person: Slug = Field(description="Participant id of the respondent.")
    date: dt.date = Field(description="Day of the answer.")
    answers: dict[Slug, AnswerValue] = Field(
        default_factory=dict, description="Answers by question id (not free text).")
    comments: dict[Slug, str] = Field(
        default_factory=dict,
        description="Confidential: free-text answers; never printed by any report or export.")


class Supervision(Strict):
    date: dt.date = Field(description="Day of the supervision session.")
    kind: Literal["individual", "group"] = Field(description="individual or group.")
    mentors: list[Slug] = Field(description="Ids of the mentors who attended.")
    minutes: int | None = Field(None, gt=0, description="Length in minutes.")
    topics: list[str] = Field(default_factory=list, description="Topics discussed.")


class Training(Strict):
    date: dt.date = Field(description="Day of the training session.")
    title: str = Field(description="Name of the training.")
    attended: list[Slug] = Field(description="Ids of the participants who attended.")


class Concern(Strict):
    id: Slug = Field(description="Concern id, used to resolve it.")
    date: dt.date = Field(description="When it was raised.")
    person: Slug | None = Field(None, description="Participant it is about (or a pair).")
    mentor: Slug | None = Field(None, description="Mentor of the pair it is about.")
    mentee: Slug | None = Field(None, description="Mentee of the pair it is about.")
    raised_by: str = Field(description="Who raised it: a participant id, 'coordinator'...")
    severity: Severity = Field(description="low, medium or high.")
    status: ConcernStatus = Field("open", description="open or resolved.")
    follow_up: dt.date | None = Field(None, description="Day to follow it up by.")
    resolved: dt.date | None = Field(None, description="Day it was resolved.")
    description: str | None = Field(
        None, description="Confidential: never printed by any report, export or message.")


class Outcome(Strict):
    person: Slug | None = Field(None, description="Participant id (programme).")
    employee_id: str | None = Field(
        None, description="HR number of someone in the comparison group (not a participant).")
    date: dt.date = Field(description="Day the outcome was observed.")
    stayed: bool = Field(description="Still in the organisation on that day.")
    promoted: bool = Field(False, description="Promoted during the programme.")
    moved: bool = Field(False, description="Moved internally during the programme.")


class CohortFile(Strict):
    """A whole cohort file."""

    version: int = Field(description="Format version; this mentorcli reads version 1.")
    cohort: Cohort
    objectives: list[Objective] = Field(default_factory=list)
    matching: Matching = Field(default_factory=Matching)
    follow_up: FollowUp = Field(default_factory=FollowUp)
    org: dict[Slug, Slug | None] = Field(
        default_factory=dict, description="Managers of people outside the cohort: id -> id."
    )
    participants: list[Participant] = Field(default_factory=list)
    pairs: list[Pair] = Field(default_factory=list)
    sessions: list[Session] = Field(default_factory=list)
    evaluation: Evaluation = Field(default_factory=Evaluation)
    surveys: list[Survey] = Field(
        default_factory=list, description="Survey definitions; default: the shipped ones.")
    responses: list[Response] = Field(default_factory=list, description="Survey answers.")
    supervision: list[Supervision] = Field(
        default_factory=list, description="Supervision sessions of mentors.")
    trainings: list[Training] = Field(default_factory=list, description="Training sessions.")
    concerns: list[Concern] = Field(
        default_factory=list, description="Problems the coordinator follows up.")
    outcomes: list[Outcome] = Field(
        default_factory=list, description="HR outcomes of participants and a comparison group.")

    def person(self, pid: str) -> Participant | None:
        """The participant with this id, or None."""
        for p in self.participants:
            if p.id == pid:
                return p
        return None

    def people(self) -> dict[str, Participant]:
        """Participants by id."""
        return {p.id: p for p in self.participants}

    def find_pair(self, mentor: str, mentee: str) -> Pair | None:
        """The latest pair entry for mentor and mentee, or None."""
        found = None
        for pair in self.pairs:
            if pair.mentor == mentor and pair.mentee == mentee:
                found = pair
        return found


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the cohort file, for editors.

    Keys that may be left empty (lists, `org`, sections with defaults) also accept null.
    """
    schema = CohortFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "mentorcli cohort file (format version 1)"
    for model in _models():
        definition = schema if model is CohortFile else schema["$defs"][model.__name__]
        for name, prop in definition.get("properties", {}).items():
            if model._is_collection(name) and "anyOf" not in prop:
                moved = {k: prop.pop(k) for k in ("$ref", "type", "items",
                                                  "additionalProperties", "propertyNames")
                         if k in prop}
                prop["anyOf"] = [moved, {"type": "null"}]
    return schema


def _models() -> list[type[Strict]]:
    """CohortFile and every section model it uses."""
    found: list[type[Strict]] = []
    waiting: list[type[Strict]] = [CohortFile]
    while waiting:
        model = waiting.pop()
        if model in found:
            continue
        found.append(model)
        for field in model.model_fields.values():
            for kind in _types_in(field.annotation):
                if isinstance(kind, type) and issubclass(kind, Strict):
                    waiting.append(kind)
    return found


def _types_in(annotation: Any) -> list[Any]:
    from typing import get_args

    return [annotation, *(t for arg in get_args(annotation) for t in _types_in(arg))]
