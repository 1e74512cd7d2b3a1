"""Rendering a coordinator's Jinja2 template safely: sandboxed, and bounded.

A template given with `--template` is code written by someone else. It runs in Jinja2's
`SandboxedEnvironment` (no Python internals), and within three limits per document:

* output size: the text of one document, and every string or list the template builds on the
  way, stays under `max_bytes` (MENTORCLI_TEMPLATE_MAX_MB, default 10 MB); in all, the text a
  template builds for one document stays under 20 times that;
* steps: the template executes at most `max_steps` steps (a step is one line of the compiled
  template, so each turn of a loop counts; MENTORCLI_TEMPLATE_MAX_STEPS, default 5,000,000);
* run time: one document renders in at most `max_seconds` (MENTORCLI_TEMPLATE_MAX_SECONDS,
  default 10).

Past a limit the render stops and `TemplateError` says `TEMPLATE:LINE: refused: ...` naming
the limit and the variable that raises it; the CLI turns that into exit code 2.

The API (used by contracts and by report templates):

    from mentorcli.documents.templating import TemplateLimits, environment, render
    env = environment([folder, ...], autoescape=True, filters={"date": ...})
    text = render(env, "contract.html.j2", context, shown_name="my/contract.html.j2")

jinja2 is imported inside the functions (it is a heavy module).
"""

from __future__ import annotations

import functools
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mentorcli.errors import TemplateError
from mentorcli.i18n import N_, _, decimal
from mentorcli.i18n import number as figure
from mentorcli.store.inputs import env_number

MEGABYTE = 1024 * 1024
DEFAULT_MAX_MB = 10
DEFAULT_MAX_STEPS = 5_000_000
DEFAULT_MAX_SECONDS = 10
# All the text a template builds for one document, as a multiple of the output size limit.
WORK_FACTOR = 20
# `x ** n` beyond this power is refused (a 10**10**10 would run for ever).
MAX_POWER = 64


@dataclass(frozen=True)
class TemplateLimits:
    """What one document's rendering may use."""

    max_bytes: int = DEFAULT_MAX_MB * MEGABYTE
    max_steps: int = DEFAULT_MAX_STEPS
    max_seconds: float = DEFAULT_MAX_SECONDS

    @classmethod
    def from_environment(cls, default_mb: float = DEFAULT_MAX_MB) -> TemplateLimits:
        """The limits, raised or lowered by MENTORCLI_TEMPLATE_MAX_MB / _STEPS / _SECONDS."""
        return cls(
            max_bytes=int(env_number("MENTORCLI_TEMPLATE_MAX_MB", default_mb) * MEGABYTE),
            max_steps=int(env_number("MENTORCLI_TEMPLATE_MAX_STEPS", DEFAULT_MAX_STEPS)),
            max_seconds=env_number("MENTORCLI_TEMPLATE_MAX_SECONDS", DEFAULT_MAX_SECONDS),
        )


class LimitExceeded(Exception):
    """Raised inside a render when a limit is passed; `render` turns it into TemplateError."""


@dataclass
class _Budget:
    """The limits and what one render has used of them."""

    limits: TemplateLimits
    steps: int = 0
    work: int = 0
    deadline: float = field(default=float("inf"))

    def start(self) -> None:
        self.steps = 0
        self.work = 0
        self.deadline = time.monotonic() + self.limits.max_seconds

    # --- sizes ---------------------------------------------------------------------------

    def size(self, length: int, what: str = N_("a text")) -> None:
        """Refuse a value of `length` characters or items before (or after) it is built.

        `what` is an English phrase marked with N_ (see WHATS), translated here."""
        if length > self.limits.max_bytes:
            raise LimitExceeded(_(
                "{what} of {length} characters would pass the output size limit of {limit} MB "
                "per document (MENTORCLI_TEMPLATE_MAX_MB raises it)").format(
                    what=_(what), length=figure(length), limit=_mb(self.limits.max_bytes)))
        self.work += length
        if self.work > WORK_FACTOR * self.limits.max_bytes:
            raise LimitExceeded(_(
                "the template built more than {size} MB of text for one document ({factor} "
                "times the output size limit; MENTORCLI_TEMPLATE_MAX_MB raises it)").format(
                    size=_mb(WORK_FACTOR * self.limits.max_bytes), factor=WORK_FACTOR))

    def value(self, value: Any) -> Any:
        """`value`, after checking its size when it is a text or a collection."""
        if isinstance(value, (str, list, tuple, dict, set, bytes)):
            self.size(len(value), N_("a value"))
        return value

    def number(self, value: Any, what: str) -> None:
        """Refuse a number so large that using it as a width or count would run away."""
        if isinstance(value, int) and not isinstance(value, bool) \
                and abs(value) > self.limits.max_bytes:
            raise LimitExceeded(_(
                "{what} {value} is larger than the output size limit of {limit} MB per "
                "document (MENTORCLI_TEMPLATE_MAX_MB raises it)").format(
                    what=_(what), value=figure(value), limit=_mb(self.limits.max_bytes)))

    def format_string(self, text: Any) -> None:
        """Refuse a format string whose widths pass the limit ('%1000000000s', '{:>9999999999}')."""
        if isinstance(text, str):
            for digits in re.findall(r"\d{7,}", text):
                self.number(int(digits), N_("a width"))

    def joined(self, separator: Any, items: Sequence[Any]) -> None:
        total = 0
        for item in items:
            total += len(item) if isinstance(item, (str, list, tuple)) else 16
        if isinstance(separator, str):
            total += len(separator) * max(len(items) - 1, 0)
        self.size(total, N_("a joined text"))

    # --- steps and time ------------------------------------------------------------------

    def step(self) -> None:
        self.steps += 1
        if self.steps > self.limits.max_steps:
            raise LimitExceeded(_(
                "the template ran more than {steps} steps for one document (a loop that runs "
                "too long?; MENTORCLI_TEMPLATE_MAX_STEPS raises the limit)").format(
                    steps=figure(self.limits.max_steps)))
        if not self.steps & 1023 and time.monotonic() > self.deadline:
            self.past_deadline()

    def past_deadline(self) -> None:
        raise LimitExceeded(_(
            "the template ran longer than {seconds} seconds for one document "
            "(MENTORCLI_TEMPLATE_MAX_SECONDS raises the limit)").format(
                seconds=decimal(f"{self.limits.max_seconds:g}")))


#: The phrases `_Budget.size` and `_Budget.number` name what passed a limit with.
WHATS = (N_("a text"), N_("a value"), N_("a width"), N_("a joined text"), N_("a repetition"),
         N_("a concatenation"), N_("a number"), N_("a replaced text"), N_("the document"))
#: What the callers of `render` say when a template reaches for Python internals.
REFUSED_HINTS = (N_("templates may only use the data they are given"),
                 N_("contract templates may only use the contract data"),
                 N_("report templates may only use the report data"))


def _mb(size: int) -> str:
    value = size / MEGABYTE
    return decimal(f"{value:.2g}" if value < 1 else f"{value:.1f}".rstrip("0").rstrip("."))



def _items(value: Any) -> list[Any]:
    return list(value)


# --- the environment --------------------------------------------------------------------

_CLASSES: dict[str, Any] = {}

# str methods whose result grows with a number argument (a width, a count).
_WIDTH_METHODS = frozenset({"ljust", "rjust", "center", "zfill", "expandtabs"})


def _classes() -> tuple[Any, Any]:
    """The bounded SandboxedEnvironment and Template classes (built once, jinja2 imported)."""
    if not _CLASSES:
        from jinja2 import runtime
        from jinja2.environment import Template
        from jinja2.exceptions import SecurityError
        from jinja2.sandbox import SandboxedEnvironment

        class BoundedTemplate(Template):
            @classmethod
            def _from_namespace(cls, environment: Any, namespace: Any, globals: Any) -> Any:
                budget: _Budget = environment.mentorcli_budget

                def str_join(seq: Iterable[Any]) -> str:
                    parts = [str(x) for x in seq]
                    budget.joined("", parts)
                    return "".join(parts)

                def markup_join(seq: Iterable[Any]) -> str:
                    parts = list(seq)
                    budget.joined("", [str(x) for x in parts])
                    return runtime.markup_join(parts)

                namespace["str_join"] = str_join
                namespace["markup_join"] = markup_join
                return super()._from_namespace(environment, namespace, globals)

        class BoundedSandbox(SandboxedEnvironment):
            intercepted_binops = frozenset({"*", "**", "+", "%"})
            template_class = BoundedTemplate

            def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
                budget: _Budget = self.mentorcli_budget
                if operator == "**" and isinstance(right, int) and abs(right) > MAX_POWER:
                    raise SecurityError(_("a power above {power} is not allowed here").format(
                        power=MAX_POWER))
                if operator == "*":
                    for seq, count in ((left, right), (right, left)):
                        if isinstance(seq, (str, list, tuple)) and isinstance(count, int):
                            budget.size(len(seq) * max(count, 0), N_("a repetition"))
                if operator == "+" and isinstance(left, (str, list, tuple)) \
                        and isinstance(right, (str, list, tuple)):
                    budget.size(len(left) + len(right), N_("a concatenation"))
                if operator == "%" and isinstance(left, str):
                    budget.format_string(left)
                    for arg in right if isinstance(right, tuple) else (right,):
                        budget.number(arg, N_("a number"))
                return budget.value(super().call_binop(context, operator, left, right))

            def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
                budget: _Budget = __self.mentorcli_budget
                target = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
                owner = getattr(target, "__self__", None)
                name = getattr(target, "__name__", "")
                for arg in (*args, *kwargs.values()):
                    budget.value(arg)
                if isinstance(owner, str):
                    for arg in (*args, *kwargs.values()):
                        budget.number(arg, N_("a number"))
                    if name in ("format", "format_map"):
                        budget.format_string(owner)
                    elif name == "join" and args:
                        items = _items(args[0])
                        budget.joined(owner, items)
                        args = (items, *args[1:])
                    elif name == "replace" and len(args) >= 2:
                        _check_replace(budget, owner, args[0], args[1])
                return budget.value(super().call(__context, __obj, *args, **kwargs))

        _CLASSES["env"] = BoundedSandbox
        _CLASSES["SecurityError"] = SecurityError
    return _CLASSES["env"], _CLASSES["SecurityError"]


def _check_replace(budget: _Budget, text: str, old: Any, new: Any) -> None:
    if isinstance(old, str) and isinstance(new, str) and len(new) > len(old):
        count = len(text) + 1 if not old else text.count(old)
        budget.size(len(text) + count * (len(new) - len(old)), N_("a replaced text"))


def _bounded_filter(budget: _Budget, name: str, function: Callable[..., Any]) -> Any:
    """`function` (a filter) with its number arguments and its result checked."""

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        values = [a for a in (*args, *kwargs.values()) if not _is_context(a)]
        for arg in values[1:]:
            budget.number(arg, N_("a number"))
        for arg in values:
            budget.value(arg)
        if name == "format" and values:
            budget.format_string(values[0])
        if name in ("join", "sum") and values:
            items = _items(values[0])
            budget.joined(values[1] if name == "join" and len(values) > 1 else "", items)
            args = tuple(items if a is values[0] else a for a in args)
        if name == "replace" and len(values) >= 3 and isinstance(values[0], str):
            _check_replace(budget, values[0], values[1], values[2])
        return budget.value(function(*args, **kwargs))

    return bounded


def _is_context(value: Any) -> bool:
    kind = type(value).__name__
    return kind in ("Context", "EvalContext", "BoundedSandbox")


def environment(
    search_path: Sequence[str | Path],
    *,
    autoescape: bool,
    filters: dict[str, Callable[..., Any]] | None = None,
    limits: TemplateLimits | None = None,
    **options: Any,
) -> Any:
    """A bounded, sandboxed Jinja2 environment loading templates from `search_path`.

    StrictUndefined (a missing value is an error, never a blank), trailing newline kept, blocks
    trimmed; `options` override any of these. `filters` are added, and every filter, the
    shipped ones included, is bounded. `lipsum` is not available (it writes text at will).
    """
    from jinja2 import FileSystemLoader, StrictUndefined

    settings: dict[str, Any] = {
        "loader": FileSystemLoader([str(p) for p in search_path]),
        "undefined": StrictUndefined,
        "autoescape": autoescape,
        "keep_trailing_newline": True,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "auto_reload": False,
    }
    settings.update(options)
    env_class, _ = _classes()
    env = env_class(**settings)
    budget = _Budget(limits or TemplateLimits.from_environment())
    env.mentorcli_budget = budget
    env.globals.pop("lipsum", None)
    env.filters.update(filters or {})
    for name, function in list(env.filters.items()):
        env.filters[name] = _bounded_filter(budget, name, function)
    return env


# --- rendering ----------------------------------------------------------------------------


def render(env: Any, template_name: str, context: dict[str, Any], *, shown_name: str,
           refused_hint: str = N_("templates may only use the data they are given"),
           variables_doc: str = N_("the docs")) -> str:
    """Render `template_name` (found by `env`'s loader) with `context`, within the limits.

    Raises TemplateError "PLACE: what" for every problem in the template: syntax, a missing
    value, an unsafe attribute, a limit passed, anything the template's code raises. PLACE is
    the template file and line when known, else `shown_name`. `refused_hint` ends the message
    for an unsafe attribute; `variables_doc` names where the template variables are listed.
    """
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError
    from jinja2.exceptions import TemplateError as JinjaTemplateError

    budget: _Budget = env.mentorcli_budget
    name = shown_name
    budget.start()
    try:
        compiled = env.get_template(template_name)
        return _generate(compiled, context, budget)
    except LimitExceeded as error:
        raise TemplateError(_refused(_template_place(error, name), str(error))) from None
    except TemplateSyntaxError as error:
        where = f"{error.filename or name}:{error.lineno}" if error.lineno else name
        raise TemplateError(_("{place}: template syntax error: {problem}").format(
            place=where, problem=error.message)) from None
    except TemplateNotFound as error:
        raise TemplateError(_("{place}: template not found: {name}").format(
            place=_template_place(error, name), name=error.message or error.name)) from None
    except SecurityError as error:
        if "unsafe" in str(error):
            what = _("the template tries to reach Python internals ({problem}); {hint}"
                     ).format(problem=error, hint=_(refused_hint))
        else:
            what = str(error)
        raise TemplateError(_refused(_template_place(error, name), what)) from None
    except UndefinedError as error:
        raise TemplateError(_(
            "{place}: missing value: {problem} (the template variables are listed in {doc})"
        ).format(place=_template_place(error, name), problem=_undefined_message(error),
                 doc=_(variables_doc))) from None
    except UnicodeDecodeError:
        raise TemplateError(_("{place}: the template is not UTF-8 text").format(place=name)
                            ) from None
    except MemoryError:
        raise TemplateError(_refused(name, _(
            "the template needs more memory than this computer has; it builds too much text"))
        ) from None
    except RecursionError as error:
        raise TemplateError(_refused(_template_place(error, name), _(
            "the template calls itself too deeply (a macro that never ends?)"))) from None
    except (JinjaTemplateError, TypeError, ValueError, ArithmeticError, LookupError,
            AttributeError) as error:
        # Template code is the coordinator's code: what it raises is a template problem.
        raise TemplateError(_("{place}: template error: {problem}").format(
            place=_template_place(error, name), problem=f"{type(error).__name__}: {error}")
        ) from None


def _refused(place: str, what: str) -> str:
    return _("{place}: refused: {problem}").format(place=place, problem=what)


def _generate(compiled: Any, context: dict[str, Any], budget: _Budget) -> str:
    """Render under the step counter, checking the size of the text as it grows."""
    chunks: list[str] = []
    size = 0
    previous = sys.gettrace()

    def local(frame: Any, event: str, arg: Any) -> Any:
        if event == "line":
            budget.step()
        return local

    def watch(frame: Any, event: str, arg: Any) -> Any:
        if event == "call" and "__jinja_template__" in frame.f_globals:
            return local
        return None

    sys.settrace(watch)
    try:
        for chunk in compiled.generate(context):
            size += len(chunk)
            budget.size(size, N_("the document"))
            chunks.append(chunk)
            if time.monotonic() > budget.deadline:
                budget.past_deadline()
    finally:
        sys.settrace(previous)
    text = "".join(chunks)
    encoded = len(text.encode("utf-8", "surrogatepass"))
    if encoded > budget.limits.max_bytes:
        budget.size(encoded, N_("the document"))
    return text


def _template_place(error: BaseException, fallback: str) -> str:
    """'FILE:LINE' of the innermost template frame of a render error (or FILE)."""
    place = fallback
    tb = error.__traceback__
    while tb is not None:
        globals_ = tb.tb_frame.f_globals
        if "__jinja_exception__" in globals_ or "__jinja_template__" in globals_:
            template = globals_.get("__jinja_template__")
            line = tb.tb_lineno
            if template is not None:
                try:
                    line = template.get_corresponding_lineno(tb.tb_lineno)
                except Exception:  # noqa: BLE001 - a place is a courtesy
                    line = tb.tb_lineno
            place = f"{tb.tb_frame.f_code.co_filename}:{line}"
        tb = tb.tb_next
    return place


def _undefined_message(error: Exception) -> str:
    """Jinja's "'dict object' has no attribute 'x'" said for a coordinator."""
    message = str(getattr(error, "message", None) or error)
    attribute = re.fullmatch(r"'dict object' has no attribute '(.+)'", message)
    if attribute:
        return _("no value named {name} here").format(name=repr(attribute.group(1)))
    variable = re.fullmatch(r"'(.+)' is undefined", message)
    if variable:
        return _("no variable named {name}").format(name=repr(variable.group(1)))
    return message
