"""The AC-05 checker (test_ac05_static_guard.py): parses a module with `ast` and
reports every unscoped way to person data (`Model.objects...` without `visible_to`,
`get_object_or_404(Model, ...)`, the manager of a run-time model, a raw SQL cursor),
with the function it stands in. What it accepts, and why, is in the test's docstring.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

MANAGER_ATTRS = {"objects", "_default_manager", "_base_manager"}
SHORTCUTS = {"get_object_or_404", "get_list_or_404"}


@dataclass(frozen=True)
class Violation:
    module: str
    function: str
    line: int
    what: str

    @property
    def key(self) -> str:
        return f"{self.module}:{self.function}"

    def __str__(self) -> str:
        return f"{self.module}:{self.line} in {self.function}(): {self.what}"


class _Checker(ast.NodeVisitor):
    def __init__(self, module: str, models: set[str], other_models: set[str]):
        self.module = module
        self.models = models
        self.other_models = other_models  # models that hold no person data
        self.aliases: dict[str, str] = {}  # local name -> model class name
        self.stack: list[str] = []
        self.parents: dict[ast.AST, ast.AST] = {}
        self.violations: list[Violation] = []

    # bookkeeping

    def run(self, tree: ast.AST) -> list[Violation]:
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node
            if isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    if alias.name in self.models:
                        self.aliases[alias.asname or alias.name] = alias.name
        self.visit(tree)
        return self.violations

    def _scoped(self, node, name):
        self.stack.append(name)
        self.generic_visit(node)
        self.stack.pop()

    def visit_FunctionDef(self, node):
        self._scoped(node, node.name)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node):
        self._scoped(node, node.name)

    def _report(self, node, what):
        function = ".".join(self.stack) or "<module>"
        self.violations.append(
            Violation(self.module, function, node.lineno, what + ": " + _src(node))
        )

    def _model_of(self, node) -> str | None:
        """The person-data model class a Name/Attribute expression denotes."""
        if isinstance(node, ast.Name):
            if node.id in self.aliases:
                return self.aliases[node.id]
            return node.id if node.id in self.models else None
        if isinstance(node, ast.Attribute) and node.attr in self.models:
            return node.attr  # models.Inburgeraar, intake.models.Inburgeraar
        if isinstance(node, ast.Call) and _call_name(node) == "get_model":
            # apps.get_model("intake", "Inburgeraar") / get_model("intake.Inburgeraar")
            names = [
                a.value.rsplit(".", 1)[-1]
                for a in node.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            ]
            if names and names[-1] in self.models:
                return names[-1]
        return None

    def _is_other_model(self, node) -> bool:
        name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)
        return name in self.other_models and name not in self.aliases

    # rules

    def visit_Attribute(self, node):
        if node.attr in MANAGER_ATTRS:
            model = self._model_of(node.value)
            if model and not self._chain_is_scoped(node):
                self._report(self._chain_top(node), f"unscoped {model}.{node.attr}")
            elif (
                model is None
                and node.attr != "objects"
                and not self._is_other_model(node.value)
                and not self._chain_is_scoped(node)
            ):
                # model._default_manager on a model chosen at run time: it may be
                # person data, and nothing here shows it is scoped.
                self._report(self._chain_top(node), "manager of a run-time model")
        self.generic_visit(node)

    def visit_Call(self, node):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name in SHORTCUTS and node.args:
            model = self._model_of(node.args[0])
            if model:
                self._report(node, f"{name}() with the model class {model}")
        if name == "cursor" and isinstance(func, ast.Attribute):
            self._report(node, "raw SQL cursor")
        self.generic_visit(node)

    def _chain_top(self, node: ast.AST) -> ast.AST:
        """The whole `Model.objects.a(...).b(...)` expression, for the message."""
        while True:
            parent = self.parents.get(node)
            if isinstance(parent, ast.Attribute | ast.Call) and (
                getattr(parent, "value", None) is node
                or getattr(parent, "func", None) is node
            ):
                node = parent
            else:
                return node

    def _chain_is_scoped(self, manager: ast.Attribute) -> bool:
        """Walk up the method chain that starts at `Model.objects`."""
        node = manager
        first_method = True
        while True:
            parent = self.parents.get(node)
            if isinstance(parent, ast.Attribute) and parent.value is node:
                if parent.attr == "visible_to":
                    return True
                if parent.attr == "none" and first_method:
                    return True
                first_method = False
                node = parent
                continue
            if isinstance(parent, ast.Call) and parent.func is node:
                method = node.attr if isinstance(node, ast.Attribute) else None
                if method == "filter" and _scoped_subquery(parent):
                    return True
                node = parent
                continue
            break
        # the whole chain is the queryset of a Prefetch(...)
        parent = self.parents.get(node)
        if isinstance(parent, ast.keyword) and parent.arg == "queryset":
            parent = self.parents.get(parent)
        return bool(isinstance(parent, ast.Call) and _call_name(parent) == "Prefetch")


def _call_name(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)


def _scoped_subquery(call: ast.Call) -> bool:
    """filter(x__in=<... .visible_to(...) ...>)"""
    for kw in call.keywords:
        if kw.arg and kw.arg.endswith("__in"):
            for sub in ast.walk(kw.value):
                if isinstance(sub, ast.Attribute) and sub.attr == "visible_to":
                    return True
    return False


def _src(node) -> str:
    text = ast.unparse(node)
    return text if len(text) < 100 else text[:97] + "..."


def check_source(
    source: str, module: str, models: set[str], other_models: set[str] = frozenset()
) -> list[Violation]:
    return _Checker(module, models, set(other_models)).run(ast.parse(source))
