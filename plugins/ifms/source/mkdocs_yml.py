"""Find the portfolio and the plugin's options from mkdocs.yml, without importing MkDocs.

``ifms check`` must judge the portfolio with the same options as the site build, and must run
even where MkDocs is not the engine (ProperDocs, or a future successor): it reads the few keys
it needs itself. Tags such as ``!ENV`` or ``!!python/name:`` are tolerated, not evaluated, and
dates stay text, so the options model judges ``today: 2024-02-30`` as the plugin does.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ifms.i18n.locale import Locale
from ifms.options import Options, read_options
from ifms.problems import Problem, relative_display
from ifms.source import yaml_source
from ifms.source.yaml_source import DateAsTextLoader

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml", "properdocs.yml", "properdocs.yaml")

ALIAS_NODES = 10_000
"""Nodes that aliases may add to mkdocs.yml: some sites repeat a block with ``&``/``*``; a few
hundred bytes of nested aliases asking for millions are refused (see :mod:`ifms.source.yaml_source`)."""


class _TolerantLoader(DateAsTextLoader):
    """Reads mkdocs.yml files that use MkDocs' own YAML tags: ``!ENV`` as MkDocs reads it,
    the others (``!!python/name:``, ``!relative``) as nothing, since the core needs none."""


def _unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


def _environment_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``: the first variable that is set, read
    as a YAML value, else the default; the rule of pyyaml_env_tag, which MkDocs uses, so ``ifms``
    judges with the options the build gets."""
    default = None
    if isinstance(node, yaml.ScalarNode):
        names = [loader.construct_scalar(node)]
    elif isinstance(node, yaml.SequenceNode):
        children = node.value
        if len(children) > 1:
            default = loader.construct_object(children[-1])
            children = children[:-1]
        names = [loader.construct_scalar(child) for child in children]
    else:
        return None
    for name in names:
        if str(name) in os.environ:
            value = os.environ[str(name)]
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


_TolerantLoader.add_constructor("!ENV", _environment_tag)
_TolerantLoader.add_multi_constructor("!", _unknown_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _unknown_tag)


class ConfigProblem(Exception):
    """mkdocs.yml is missing or unreadable; ``key`` and ``params`` name the message, and
    ``problem`` what is wrong inside the file (a YAML syntax error, with its line)."""

    def __init__(self, key: str, problem: Problem | None = None, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.problem = problem
        self.params = params

    def render(self, locale: Locale) -> str:
        detail = self.problem.render(locale) if self.problem is not None else ""
        return locale.t(self.key, **self.params, detail=detail).rstrip(": ")


@dataclass(frozen=True)
class Project:
    config_file: Path
    docs_dir: Path
    theme_language: str | None
    plugin_options: Any
    """The ``ifms`` plugin's entry in mkdocs.yml as written (a mapping, if it is right)."""
    markdown_extensions: list[Any] = field(default_factory=list)
    """``markdown_extensions`` as written (the handout converts Markdown with them)."""

    @property
    def root(self) -> Path:
        return self.config_file.parent

    def option_path(self, folder: str) -> Path:
        """A folder option of the plugin (``cache_dir``, ``templates_dir``), next to mkdocs.yml."""
        return self.root / folder

    def options(self, lang: str | None = None) -> Options:
        """The options the site build would use, with ``lang`` (from the command line, which
        wins) and ``today`` decided; :class:`~ifms.options.OptionsInvalid` for a bad one."""
        return read_options(self.plugin_options).settled(theme_language=self.theme_language, override=lang)


def find_config(start: Path | None = None) -> Path:
    start = (start or Path.cwd()).resolve()
    for name in CONFIG_NAMES:
        if (start / name).is_file():
            return start / name
    raise ConfigProblem("check.no_config", path=str(start))


def read_project(config_file: Path | None = None) -> Project:
    path = Path(config_file) if config_file else find_config()
    if not path.is_file():
        raise ConfigProblem("check.no_config", path=str(path))
    shown = relative_display(path)
    try:
        data = yaml_source.parse(path.read_text(encoding="utf-8-sig"), loader_class=_TolerantLoader,
                                 alias_nodes=ALIAS_NODES).data or {}
    except yaml_source.SyntaxProblem as syntax:
        raise ConfigProblem("check.bad_config", Problem(shown, syntax.line, None, syntax.key, syntax.params),
                            path=shown) from None
    except UnicodeDecodeError:
        raise ConfigProblem("check.bad_config", Problem(shown, None, None, "not_utf8"), path=shown) from None
    if not isinstance(data, dict):
        raise ConfigProblem("check.bad_config", path=shown)
    theme = data.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    written = str(data.get("docs_dir") or "docs")
    docs_dir = path.parent / written
    if path.parent.resolve().is_relative_to(docs_dir.resolve()):
        # ``docs_dir: ..`` or ``.``: every command would read (and ``ifms new`` write) the
        # folder around the project. MkDocs refuses it too, in English.
        raise ConfigProblem("check.docs_dir_around_project", path=shown, docs_dir=written,
                            folder=relative_display(docs_dir.resolve()).rstrip("/") + "/")
    return Project(
        config_file=path,
        docs_dir=docs_dir,
        theme_language=language,
        plugin_options=_plugin_options(data.get("plugins")),
        markdown_extensions=extensions if isinstance(extensions := data.get("markdown_extensions"), list) else [],
    )


def _plugin_options(plugins: Any) -> Any:
    """Options of the ``ifms`` plugin, in either of MkDocs' two ways to list plugins."""
    entries: list[Any] = (list(plugins.items()) if isinstance(plugins, dict)
                          else plugins if isinstance(plugins, list) else [])
    for entry in entries:
        if isinstance(entry, tuple):
            name, options = entry
        elif isinstance(entry, dict) and len(entry) == 1:
            name, options = next(iter(entry.items()))
        else:
            name, options = entry, {}
        if name == "ifms":
            return options  # as written: the options model says what is wrong with it
    return {}
