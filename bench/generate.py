"""Generate large synthetic, realistic, valid cohort files for benchmarks and tests.

Two modes:

    # a lived-in cohort: participants of every role, pairs in every status, sessions
    python bench/generate.py --participants 5000 --pairs 2500 --sessions 60000 \
        --seed 1 -o /tmp/big.yaml

    # a pairing workload: N mentees, M mentors of capacity C, no pairs yet
    python bench/generate.py --mentees 2000 --mentors 1000 --capacity 2 --seed 1 -o /tmp/pair.yaml

The same arguments always give the same bytes. Everything written respects the format
(docs/format.md): unique slug ids and emails, an acyclic management tree reaching into `org`,
IANA time zones, pairs that obey the hard pairing rules and mentor capacity, sessions only for
started pairs and dated inside the pair's life and the cohort. Every mentee goal is offered as a
skill by at least one mentor and every mentor is trained, so `mentorcli validate` has nothing to
warn about.

Other benchmark scripts import it (from the repository root):

    from bench.generate import generate_cohort_text
    text = generate_cohort_text(mentees=2000, mentors=1000, capacity=2, seed=1)

Only the standard library is used, so the generator runs anywhere.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field

# --------------------------------------------------------------------------------------------
# Vocabulary

# ~40 skills/goals. Each entry lists spellings of the same tag (equal once case, accents and
# space/hyphen/underscore are folded), so files mix "Prise de parole" and "prise-de-parole".
TAGS: list[list[str]] = [
    ["prise de parole", "Prise de parole", "prise-de-parole"],
    ["public speaking", "Public speaking", "public-speaking"],
    ["délégation", "Délégation", "delegation"],
    ["gestion du temps", "Gestion du temps", "gestion-du-temps"],
    ["time management", "Time management", "time_management"],
    ["feedback", "Feedback"],
    ["conduite du changement", "Conduite du changement", "conduite-du-changement"],
    ["change management", "Change management"],
    ["négociation", "Négociation", "negociation"],
    ["negotiation", "Negotiation"],
    ["leadership", "Leadership"],
    ["budgeting", "Budgeting"],
    ["storytelling", "Storytelling"],
    ["stratégie", "Stratégie", "strategie"],
    ["gestion des conflits", "Gestion des conflits"],
    ["conflict resolution", "Conflict resolution"],
    ["recrutement", "Recrutement"],
    ["hiring", "Hiring"],
    ["intelligence artificielle", "Intelligence artificielle"],
    ["AI tools", "ai tools", "ai-tools"],
    ["data analysis", "Data analysis", "data-analysis"],
    ["analyse de données", "Analyse de données"],
    ["Excel", "excel"],
    ["Power BI", "power bi", "power-bi"],
    ["réseaux sociaux", "Réseaux sociaux", "reseaux-sociaux"],
    ["social media", "Social media", "social-media"],
    ["cybersécurité", "Cybersécurité", "cybersecurite"],
    ["gestion de projet", "Gestion de projet", "gestion-de-projet"],
    ["project management", "Project management"],
    ["agile", "Agile"],
    ["coaching", "Coaching"],
    ["networking", "Networking"],
    ["career planning", "Career planning"],
    ["écoute active", "Écoute active", "ecoute-active"],
    ["management à distance", "Management à distance", "management-a-distance"],
    ["Führung", "führung"],
    ["Verhandlungsführung", "verhandlungsführung"],
    ["liderazgo", "Liderazgo"],
    ["comunicación", "Comunicación", "comunicacion"],
    ["executive presence", "Executive presence"],
    ["onboarding", "Onboarding"],
    ["finance for non-financials", "Finance for non-financials"],
]

DEPARTMENTS = [
    "Finance", "Sales", "Marketing", "HR", "IT", "Operations", "Legal", "R&D",
    "Customer Service", "Procurement", "Supply Chain", "Communication",
]

# site -> (IANA time zone, local language, name culture)
SITES: dict[str, tuple[str, str, str]] = {
    "Paris": ("Europe/Paris", "fr", "fr"),
    "Lyon": ("Europe/Paris", "fr", "fr"),
    "Nantes": ("Europe/Paris", "fr", "fr"),
    "Lille": ("Europe/Paris", "fr", "fr"),
    "Montréal": ("America/Toronto", "fr", "fr"),
    "Berlin": ("Europe/Berlin", "de", "de"),
    "München": ("Europe/Berlin", "de", "de"),
    "Madrid": ("Europe/Madrid", "es", "es"),
    "Barcelona": ("Europe/Madrid", "es", "es"),
    "London": ("Europe/London", "en", "en"),
    "New York": ("America/New_York", "en", "en"),
    "Singapore": ("Asia/Singapore", "en", "en"),
}
SITE_WEIGHTS = [18, 12, 6, 5, 4, 8, 4, 7, 4, 10, 6, 3]

FIRST_NAMES = {
    "fr": [
        "Éloïse", "Jean-Baptiste", "Amélie", "François", "Hélène", "Clément", "Anaïs", "Jérôme",
        "Léa", "Théo", "Chloé", "Noémie", "Mathéo", "Zoé", "Gaëlle", "Loïc", "Océane", "Rémi",
        "Maëlys", "Jean-Luc", "Marie-Claire", "Aurélien", "Cécile", "Benoît", "Inès", "Ophélie",
        "Camille", "Sébastien", "Élodie", "Hugo", "Mélanie", "Raphaël", "Solène", "Adèle",
    ],
    "en": [
        "Alice", "Bruno", "Olivia", "James", "Sophie", "Liam", "Emma", "Noah", "Grace", "Henry",
        "Chloe", "Jack", "Isla", "Oscar", "Ruby", "Harry", "Amelia", "George", "Mia", "Ethan",
    ],
    "de": [
        "Jürgen", "Lena", "Maximilian", "Anja", "Björn", "Käthe", "Lukas", "Sören", "Jörg",
        "Mia", "Felix", "Hannah", "Tobias", "Greta", "Matthias", "Ute",
    ],
    "es": [
        "José", "María", "Andrés", "Lucía", "Sofía", "Álvaro", "Inés", "Jesús", "Nuria",
        "Íñigo", "Marta", "Pablo", "Begoña", "Raúl", "Carmen", "Sergio",
    ],
}
LAST_NAMES = {
    "fr": [
        "N'Diaye", "Lefèvre-Dupont", "Martin", "Dubois", "Leroy", "Petit", "Moreau", "Girard",
        "Fontaine", "Rousseau", "Chevalier", "Lemaître", "Bérénger", "Garnier", "Faure", "Mercier",
        "D'Almeida", "Benoît", "Lambert", "Bonnet", "Giraud-Lévêque", "Roussel", "Perrin",
        "Guérin", "Boyer", "Caron", "Gauthier", "Renaud", "Barbier", "Aït-Ahmed", "Nguyễn",
        "Le Goff", "Traoré", "Kowalski", "Da Silva", "Vasseur", "Hébert", "Thébault",
    ],
    "en": [
        "O'Brien", "Smith", "Johnson", "Taylor", "Brown", "Williams", "Wilson", "Evans",
        "Thomas", "Roberts", "O'Connor", "Clarke", "Walker", "Wright", "Hughes", "Edwards",
        "Patel", "Khan", "Green", "Hall", "Baker-Jones", "McAllister",
    ],
    "de": [
        "Müller", "Schmidt", "Schneider", "Fischer", "Weiß", "Wagner", "Becker", "Schäfer",
        "Hoffmann", "Köhler", "Krüger", "Groß", "Schröder", "Meyer-Lindner", "Zimmermann",
        "Bäcker",
    ],
    "es": [
        "García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Díaz",
        "Ruiz", "Hernández", "Jiménez", "Muñoz", "Álvarez", "Romero", "Ortiz-Núñez", "Castaño",
    ],
}

TITLE_LEVELS = [  # (minimum seniority, title pattern)
    (0, "{d} analyst"),
    (3, "{d} specialist"),
    (6, "{d} team lead"),
    (10, "{d} manager"),
    (15, "Senior {d} manager"),
    (20, "Head of {d}"),
    (26, "{d} director"),
]

OBJECTIVES = [
    ("leadership", "Stronger leadership in first-year managers",
     "share of mentees' leadership goals reached by the end", 80, "%"),
    ("retention", "Keep talented people",
     "share of mentees still with the company at the end", 90, "%"),
    ("mobility", "More internal mobility",
     "mentees who moved to a new role within 12 months", 15, "people"),
    ("digital-skills", "Digital skills across generations",
     "mean self-assessed digital confidence (1-5)", 4, "points"),
]

GOAL_TEXTS = [
    ("present-results", "Present the quarterly results to the executive committee", "leadership"),
    ("delegate-more", "Delegate two recurring tasks to the team", "leadership"),
    ("career-plan", "Write a two-year career plan and discuss it with their manager", "mobility"),
    ("stay-and-grow", "Find a next step inside the company", "retention"),
    ("ai-pilot", "Run a small pilot with an AI assistant in the team", "digital-skills"),
    ("feedback-routine", "Hold a monthly feedback conversation with each direct report", None),
    ("network", "Meet five people outside their department", "mobility"),
    ("time-blocks", "Protect two focus blocks a week", None),
]

END_REASONS = [
    "mentee left the company",
    "mentor moved to another site",
    "agreed together that the goals were reached",
    "schedules no longer compatible",
    "mentee took parental leave",
    "mentor's workload changed",
]

NOTES = [
    "Prepared the budget review together; next time: the team's objectives.",
    "Talked about delegation: two tasks handed over this month.",
    "Role-play of a difficult feedback conversation.",
    "Point d'étape : la prise de parole en comité s'est bien passée.",
    "Échange sur la conduite du changement dans l'équipe.",
    "Reviewed the career plan; the mentee will talk to HR.",
    "Short call: agenda for the next meeting.",
    "Shadowed a negotiation; debrief on what worked.",
    "Discussed work-life balance and saying \"no\" to meetings.",
    "Tried out an AI assistant for meeting minutes: promising.",
    "Gespräch über Führung auf Distanz.",
    "Revisamos el plan de comunicación del equipo.",
]

MODES = ["in-person", "video", "video", "phone"]

COHORT_START = dt.date(2026, 1, 12)
COHORT_END = dt.date(2026, 12, 18)


# --------------------------------------------------------------------------------------------
# Text helpers

_SEPARATORS = re.compile(r"[\s_\-]+")
_PLAIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ][A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ0-9 .;'()/&+-]*$")
_RESERVED = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}


def normalize_tag(tag: str) -> str:
    """Same folding as mentorcli.tags.normalize_tag (kept here so the generator has no deps)."""
    decomposed = unicodedata.normalize("NFKD", tag)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", stripped.casefold()).strip()


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower().replace("'", ""))
    return slug.strip("-") or "x"


def q(text: str) -> str:
    """A YAML scalar for `text`: plain when unambiguous (also inside [a, b]), else quoted."""
    if _PLAIN.match(text) and not text.endswith(" ") and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


def flow(items: list[str]) -> str:
    return "[" + ", ".join(q(i) for i in items) + "]"


# --------------------------------------------------------------------------------------------
# The people


@dataclass
class Person:
    id: str
    name: str
    email: str
    role: str
    department: str
    site: str
    seniority: int
    employee_id: str
    languages: list[str] | None = None
    manager: str | None = None
    ancestors: frozenset[str] = frozenset()
    depth: int = 0
    title: str | None = None
    skills: list[str] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    capacity: int = 1
    trained: dt.date | None = None
    prefer: list[str] = field(default_factory=list)
    avoid: list[str] = field(default_factory=list)

    @property
    def can_mentor(self) -> bool:
        return self.role in ("mentor", "both")

    @property
    def can_be_mentored(self) -> bool:
        return self.role in ("mentee", "both")

    def speaks(self, cohort_language: str) -> list[str]:
        return self.languages if self.languages is not None else [cohort_language]


def _seniority(rng: random.Random, role: str, kind: str) -> int:
    """Years of experience: classic mentors are senior, reverse mentors junior."""
    senior, junior, middle = (12, 34), (0, 8), (7, 15)
    if kind == "peer":
        return rng.randint(3, 20)
    if role == "both":
        return rng.randint(*middle)
    if (role == "mentor") == (kind == "classic"):
        return rng.randint(*senior)
    return rng.randint(*junior)


def _make_people(
    rng: random.Random, roles: list[str], kind: str, language: str, capacity: int | None
) -> tuple[list[Person], dict[str, str | None]]:
    used_ids: set[str] = set()
    used_emails: set[str] = set()
    org: dict[str, str | None] = {"ceo": None}
    for dept in DEPARTMENTS:
        org[f"dir-{slugify(dept)}"] = "ceo"
    used_ids.update(org)

    sites = list(SITES)
    people: list[Person] = []
    for index, role in enumerate(roles):
        site = rng.choices(sites, SITE_WEIGHTS)[0]
        _tz, local, culture = SITES[site]
        if rng.random() < 0.15:
            culture = rng.choice(list(FIRST_NAMES))
        first = rng.choice(FIRST_NAMES[culture])
        last = rng.choice(LAST_NAMES[rng.choice([culture, culture, culture, "fr", "en"])])
        name = f"{first} {last}"
        base = slugify(name)
        pid, n = base, 1
        while pid in used_ids:
            n += 1
            pid = f"{base}-{n}"
        used_ids.add(pid)
        local_part = slugify(first).replace("-", "") + "." + slugify(last).replace("-", "")
        email, n = f"{local_part}@example.com", 1
        while email in used_emails:
            n += 1
            email = f"{local_part}{n}@example.com"
        used_emails.add(email)

        # Languages: the site's language, usually English too; mentors always speak the cohort
        # language so a pairing workload stays feasible.
        langs = [local]
        if local != "en" and (rng.random() < 0.85 or role != "mentee"):
            langs.append("en")
        if language not in langs and role != "mentee":
            langs.append(language)
        if rng.random() < 0.12:
            extra = rng.choice(["en", "fr", "de", "es"])
            if extra not in langs:
                langs.append(extra)
        languages: list[str] | None = langs
        if langs == [language] and rng.random() < 0.5:
            languages = None  # default: the cohort language

        person = Person(
            id=pid, name=name, email=email, role=role,
            department=rng.choice(DEPARTMENTS), site=site,
            seniority=_seniority(rng, role, kind),
            employee_id=f"{(index + 1) * 7919 % 1000000:06d}",  # text: keeps its leading zeros
            languages=languages,
        )
        person.title = next(
            t for s, t in reversed(TITLE_LEVELS) if person.seniority >= s
        ).format(d=person.department)
        if person.title[0].islower():
            person.title = person.title[0].upper() + person.title[1:]
        if person.can_mentor:
            person.skills = [rng.choice(v) for v in rng.sample(TAGS, rng.randint(3, 6))]
            person.capacity = capacity if capacity is not None else rng.choice([1, 1, 2, 2, 2, 3])
            person.trained = COHORT_START - dt.timedelta(days=rng.randint(3, 120))
        if person.can_be_mentored:
            person.goals = [rng.choice(v) for v in rng.sample(TAGS, rng.randint(1, 3))]
        person.objectives = sorted(
            o[0] for o in rng.sample(OBJECTIVES, rng.choice([0, 1, 1, 2]))
        )
        people.append(person)

    # Managers: the most senior first, so a manager is always someone already placed (or an org
    # manager): the reporting lines form a tree and can never loop.
    by_seniority = sorted(people, key=lambda p: (-p.seniority, p.id))
    heads: dict[str, list[Person]] = {d: [] for d in DEPARTMENTS}
    for person in by_seniority:
        dept_key = slugify(person.department)
        candidates = [
            h for h in heads[person.department][-30:]
            if h.seniority > person.seniority and h.depth < 4
        ]
        if candidates and rng.random() < 0.55:
            boss = rng.choice(candidates)
            person.manager = boss.id
            person.ancestors = boss.ancestors | {boss.id}
            person.depth = boss.depth + 1
        elif person.seniority >= 20:
            person.manager = f"dir-{dept_key}"
        else:
            local_mgr = f"mgr-{dept_key}-{slugify(person.site)}"
            org.setdefault(local_mgr, f"dir-{dept_key}")
            person.manager = local_mgr
        if person.seniority >= 10:
            heads[person.department].append(person)
    return people, org


# --------------------------------------------------------------------------------------------
# Pairs and sessions


@dataclass
class PairRec:
    mentor: Person
    mentee: Person
    status: str
    started: dt.date | None = None
    ended: dt.date | None = None


def _compatible(mentor: Person, mentee: Person, kind: str, gap: int, language: str) -> bool:
    if mentor is mentee:
        return False
    if mentor.id in mentee.ancestors or mentee.id in mentor.ancestors:
        return False
    if mentor.id in mentee.avoid or mentee.id in mentor.avoid:
        return False
    if not set(mentor.speaks(language)) & set(mentee.speaks(language)):
        return False
    if kind == "classic" and mentor.seniority - mentee.seniority < gap:
        return False
    if kind == "reverse" and mentee.seniority - mentor.seniority < gap:
        return False
    return True


def _make_pairs(
    rng: random.Random, people: list[Person], count: int, kind: str, gap: int, language: str
) -> list[PairRec]:
    if count == 0:
        return []
    mentors = [p for p in people if p.can_mentor and p.capacity > 0]
    mentees = [p for p in people if p.can_be_mentored]
    if not mentors or not mentees:
        raise ValueError("pairs need at least one mentor and one mentee")
    n_ended = count * 8 // 100
    n_proposed = count * 6 // 100
    n_open = count - n_ended
    capacity_total = sum(m.capacity for m in mentors)
    if n_open > capacity_total:
        raise ValueError(
            f"{n_open} open pairs need more mentor capacity than the {capacity_total} available"
        )
    load = {m.id: 0 for m in mentors}
    free = list(mentors)
    taken: set[tuple[str, str]] = set()
    pairs: list[PairRec] = []
    order = list(mentees)
    rng.shuffle(order)
    cursor = 0
    statuses = ["ended"] * n_ended + ["proposed"] * n_proposed + ["active"] * (count - n_ended
                                                                               - n_proposed)
    rng.shuffle(statuses)
    failures = 0
    has_open: set[str] = set()
    for status in statuses:
        while True:
            mentee = order[cursor % len(order)]
            cursor += 1
            if status != "ended" and mentee.id in has_open and len(has_open) < len(order):
                continue  # one open pair per mentee while some mentee has none
            pool = free if status != "ended" else mentors
            if not pool:
                raise ValueError("ran out of mentor capacity while making pairs")
            # Like a coordinator (or `mentorcli pair`): a compatible mentor, preferably one whose
            # skills cover one of the mentee's goals.
            chosen = None
            wanted = {normalize_tag(g) for g in mentee.goals}
            for attempt in range(80):
                mentor = rng.choice(pool)
                key = (mentor.id, mentee.id)
                if (
                    key not in taken
                    and (mentee.id, mentor.id) not in taken
                    and _compatible(mentor, mentee, kind, gap, language)
                ):
                    if chosen is None:
                        chosen = mentor
                    if wanted & {normalize_tag(s) for s in mentor.skills}:
                        chosen = mentor
                        break
                if chosen is not None and attempt >= 40:
                    break
            if chosen is not None:
                break
            failures += 1
            if failures > 50 * count + 1000:
                raise ValueError("could not find enough compatible mentor/mentee couples")
        taken.add((chosen.id, mentee.id))
        rec = PairRec(chosen, mentee, status)
        if status != "proposed":
            rec.started = COHORT_START + dt.timedelta(days=rng.randint(5, 120))
        if status == "ended":
            rec.ended = rec.started + dt.timedelta(days=rng.randint(30, 200))
        else:
            has_open.add(mentee.id)
            load[chosen.id] += 1
            if load[chosen.id] >= chosen.capacity:
                free.remove(chosen)
        pairs.append(rec)
    return pairs


def _session_counts(rng: random.Random, spans: list[int], total: int) -> list[int]:
    """Split `total` sessions over pairs, at most one per day of each pair's span."""
    room = sum(spans)
    if total > room:
        raise ValueError(f"{total} sessions do not fit: the started pairs have {room} days")
    if total == 0:
        return [0] * len(spans)
    weights = [s * rng.uniform(0.5, 1.5) for s in spans]
    scale = total / sum(weights)
    counts = [min(span, int(w * scale)) for w, span in zip(weights, spans, strict=True)]
    missing = total - sum(counts)
    index = 0
    while missing > 0:
        i = index % len(spans)
        if counts[i] < spans[i]:
            counts[i] += 1
            missing -= 1
        index += 1
    return counts


# --------------------------------------------------------------------------------------------
# The text


def _participant_lines(p: Person, out: list[str]) -> None:
    out.append(f"  - id: {p.id}")
    out.append(f"    name: {q(p.name)}")
    out.append(f"    email: {p.email}")
    out.append(f"    role: {p.role}")
    out.append(f"    employee_id: {json.dumps(p.employee_id)}")
    if p.title:
        out.append(f"    title: {q(p.title)}")
    out.append(f"    department: {q(p.department)}")
    out.append(f"    manager: {p.manager}")
    out.append(f"    seniority: {p.seniority}")
    out.append(f"    location: {q(p.site)}")
    out.append(f"    timezone: {SITES[p.site][0]}")
    if p.languages is not None:
        out.append(f"    languages: {flow(p.languages)}")
    if p.can_mentor:
        out.append(f"    skills: {flow(p.skills)}")
        out.append(f"    capacity: {p.capacity}")
        if p.trained:
            out.append(f"    trained: {p.trained.isoformat()}")
    if p.can_be_mentored:
        out.append(f"    goals: {flow(p.goals)}")
    if p.objectives:
        out.append(f"    objectives: {flow(p.objectives)}")
    if p.prefer:
        out.append(f"    prefer: {flow(p.prefer)}")
    if p.avoid:
        out.append(f"    avoid: {flow(p.avoid)}")


def generate_cohort_text(
    participants: int | None = None,
    pairs: int = 0,
    sessions: int = 0,
    seed: int = 1,
    *,
    mentees: int | None = None,
    mentors: int | None = None,
    capacity: int | None = None,
    kind: str = "classic",
    language: str = "en",
    cohort_id: str | None = None,
) -> str:
    """The YAML text of a synthetic cohort; the same arguments always give the same text.

    Give either `participants` (a mix of mentors, mentees and `both`), or `mentees` and
    `mentors` (only those two roles; `capacity` fixes every mentor's capacity, else 1-3).
    `pairs` pairs are made (about 86% active, 8% ended, 6% proposed) and `sessions` sessions are
    spread over the started ones. Raises ValueError when the sizes cannot be honoured.
    """
    if kind not in ("classic", "reverse", "peer"):
        raise ValueError(f"kind must be classic, reverse or peer, not {kind!r}")
    if language not in ("en", "fr"):
        raise ValueError(f"language must be en or fr, not {language!r}")
    if pairs < 0 or sessions < 0:
        raise ValueError("sizes must not be negative")
    if sessions and not pairs:
        raise ValueError("sessions need pairs")
    rng = random.Random(seed)
    if mentees is not None or mentors is not None:
        if participants is not None:
            raise ValueError("give either participants, or mentees and mentors")
        roles = ["mentor"] * (mentors or 0) + ["mentee"] * (mentees or 0)
    else:
        total = participants if participants is not None else 40
        n_mentor = round(total * 0.35)
        n_both = round(total * 0.10)
        roles = ["mentor"] * n_mentor + ["both"] * n_both + ["mentee"] * (total - n_mentor - n_both)
    rng.shuffle(roles)
    gap = 3
    people, org = _make_people(rng, roles, kind, language, capacity)

    # Every mentee goal is offered by at least one mentor (else validate warns).
    mentor_list = [p for p in people if p.can_mentor]
    if mentor_list:
        offered = {normalize_tag(s) for m in mentor_list for s in m.skills}
        for p in people:
            for goal in p.goals:
                key = normalize_tag(goal)
                if key not in offered:
                    rng.choice(mentor_list).skills.append(goal)
                    offered.add(key)

    # A few preferences and people to avoid.
    ids = [p.id for p in people]
    for p in people:
        if p.can_be_mentored and mentor_list and rng.random() < 0.06:
            other = rng.choice(mentor_list)
            if other is not p:
                p.prefer = [other.id]
        if rng.random() < 0.02 and len(ids) > 1:
            other_id = rng.choice(ids)
            if other_id != p.id and other_id not in p.prefer:
                p.avoid = [other_id]

    pair_recs = _make_pairs(rng, people, pairs, kind, gap, language)

    started = [r for r in pair_recs if r.started is not None]
    spans = [((r.ended or COHORT_END) - r.started).days + 1 for r in started]
    counts = _session_counts(rng, spans, sessions)
    session_rows: list[tuple[dt.date, str, str, int]] = []
    for rec, span, n in zip(started, spans, counts, strict=True):
        for offset in sorted(rng.sample(range(span), n)):
            session_rows.append((rec.started + dt.timedelta(days=offset), rec.mentor.id,
                                 rec.mentee.id, rng.getrandbits(32)))
    session_rows.sort()

    # ---- text
    cid = cohort_id or (
        f"bench-{len(people)}-{pairs}-{sessions}" if participants is not None or mentees is None
        else f"pairing-{mentees}x{mentors}"
    )
    out: list[str] = [
        "# Synthetic cohort written by bench/generate.py: realistic, valid, not real people.",
        f"# seed {seed}; {len(people)} participants, {pairs} pairs, {sessions} sessions.",
        "version: 1",
        "",
        "cohort:",
        f"  id: {cid}",
        f"  name: {q(f'Synthetic {kind} cohort ({len(people)} participants)')}",
        f"  language: {language}",
        f"  kind: {kind}",
        f"  start: {COHORT_START.isoformat()}",
        f"  end: {COHORT_END.isoformat()}",
        "  cadence: biweekly           # weekly | biweekly | monthly",
        "  session_minutes: 60",
        "  coordinator:",
        "    name: Claire Dubois",
        "    email: claire.dubois@example.com",
        "",
        "objectives:",
    ]
    for oid, title, measure, target, unit in OBJECTIVES:
        out += [
            f"  - id: {oid}",
            f"    title: {q(title)}",
            f"    measure: {q(measure)}",
            f"    target: {target}",
            f"    unit: {q(unit)}",
        ]
        if oid in ("leadership", "retention"):
            out += [
                "    results:",
                f"      - {{date: 2026-06-30, value: {rng.randint(30, 60)}}}",
            ]
    out += [
        "",
        "matching:",
        "  weights:",
        "    goals: 4",
        "    objectives: 2",
        "    department: 1",
        "    seniority: 1",
        "    location: 1",
        "    preference: 2",
        "  rules:",
        "    reporting_line: forbid",
        "    same_department: allow",
        f"    min_seniority_gap: {gap}",
        "    common_language: require",
        "    trained_mentors_only: false",
        "",
        "follow_up:",
        "  behind_missing: 1",
        "  at_risk_missing: 2",
        "  at_risk_rating: 2.5",
        "  inactive_periods: 2",
        "",
        "org:                           # managers outside the cohort: id -> manager id",
    ]
    for oid, boss in org.items():
        out.append(f"  {oid}: {boss if boss else 'null'}")
    out += ["", "participants:"]
    for p in people:
        _participant_lines(p, out)

    out.append("")
    if not pair_recs:
        out.append("pairs: []")
    else:
        out.append("pairs:")
    for rec in pair_recs:
        m, e = rec.mentor, rec.mentee
        offered = {normalize_tag(s) for s in m.skills}
        shared = [g for g in e.goals if normalize_tag(g) in offered]
        reasons = []
        if shared:
            reasons.append("shares goals " + ", ".join(shared))
        if m.department != e.department:
            reasons.append("different departments")
        years = abs(m.seniority - e.seniority)
        if years:
            reasons.append(f"{years} years {'more' if m.seniority > e.seniority else 'less'}"
                           " experience")
        out += [
            f"  - mentor: {m.id}",
            f"    mentee: {e.id}",
            f"    status: {rec.status}",
        ]
        if rec.status != "proposed" and rng.random() < 0.3:
            out.append("    locked: true")
        out.append(f"    score: {rng.uniform(0.35, 0.95):.2f}")
        if reasons:
            out.append(f"    why: {q('; '.join(reasons))}")
        if rec.started:
            out.append(f"    started: {rec.started.isoformat()}")
        if rec.ended:
            out.append(f"    ended: {rec.ended.isoformat()}")
            out.append(f"    end_reason: {q(rng.choice(END_REASONS))}")
        if rec.started and rng.random() < 0.8:
            s1 = rec.started + dt.timedelta(days=rng.randint(0, 6))
            s2 = rec.started + dt.timedelta(days=rng.randint(0, 10))
            out.append(f"    signed: {{mentor: {s1.isoformat()}, mentee: {s2.isoformat()}}}")
        if rec.started and rng.random() < 0.7:
            out.append("    goals:")
            for gid, text, objective in rng.sample(GOAL_TEXTS, rng.randint(1, 3)):
                due = rec.started + dt.timedelta(days=rng.randint(60, 200))
                due = min(due, COHORT_END)
                out += [f"      - id: {gid}", f"        text: {q(text)}"]
                if objective:
                    out.append(f"        objective: {objective}")
                out += [
                    f"        due: {due.isoformat()}",
                    f"        progress: {rng.choice([0, 10, 25, 40, 50, 60, 75, 90, 100])}",
                ]

    out.append("")
    if not session_rows:
        out.append("sessions: []")
    else:
        out.append("sessions:")
    for day, mentor_id, mentee_id, bits in session_rows:
        out += [
            f"  - mentor: {mentor_id}",
            f"    mentee: {mentee_id}",
            f"    date: {day.isoformat()}",
            f"    minutes: {(30, 45, 60, 60, 60, 90)[bits % 6]}",
            f"    mode: {MODES[(bits >> 3) % len(MODES)]}",
        ]
        r = (bits >> 6) % 8
        if r < 5:
            mentor_rating = (3, 4, 4, 4, 5, 5)[(bits >> 9) % 6]
            mentee_rating = (2, 3, 3, 4, 4, 4, 5, 5, 5, 5)[(bits >> 12) % 10]
            out.append(f"    rating: {{mentor: {mentor_rating}, mentee: {mentee_rating}}}")
        elif r == 5:
            out.append(f"    rating: {{mentee: {1 + (bits >> 12) % 5}}}")
        if (bits >> 15) % 10 < 6:
            out.append(f"    notes: {q(NOTES[(bits >> 18) % len(NOTES)])}")
    out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write a large synthetic but realistic cohort file (seeded, deterministic).",
    )
    parser.add_argument("--participants", type=int, help="participants of mixed roles")
    parser.add_argument("--pairs", type=int, default=0, help="pairs to create (default 0)")
    parser.add_argument("--sessions", type=int, default=0, help="sessions to log (default 0)")
    parser.add_argument("--mentees", type=int, help="pairing mode: number of mentees")
    parser.add_argument("--mentors", type=int, help="pairing mode: number of mentors")
    parser.add_argument("--capacity", type=int, help="every mentor's capacity (default 1-3)")
    parser.add_argument("--kind", default="classic", choices=["classic", "reverse", "peer"],
                        help="cohort kind; sets who is senior (default classic)")
    parser.add_argument("--language", default="en", choices=["en", "fr"],
                        help="cohort language (default en)")
    parser.add_argument("--cohort-id", help="cohort id (default derived from the sizes)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("-o", "--output", help="output file (default: stdout)")
    args = parser.parse_args(argv)
    if args.participants is None and (args.mentees is None or args.mentors is None):
        parser.error("give --participants N, or --mentees N --mentors M")
    try:
        text = generate_cohort_text(
            args.participants, args.pairs, args.sessions, args.seed,
            mentees=args.mentees, mentors=args.mentors, capacity=args.capacity,
            kind=args.kind, language=args.language, cohort_id=args.cohort_id,
        )
    except ValueError as exc:
        parser.error(str(exc))
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
