"""``ifms export-site DIR``: the portfolio as a plain Markdown site that needs no plugin.

The site plan written out: the specialist's Markdown pages with their headers (and the home
page with its summary), every generated page, the charts, the stylesheet, the other files of
the portfolio (pictures, documents), and a copy of mkdocs.yml without the ``ifms`` plugin.
Any engine that reads Markdown and mkdocs.yml builds it: MkDocs without this plugin, or
Zensical, Material's successor, which runs no MkDocs plugins. It is how the portfolio is kept
readable when Material for MkDocs is no longer maintained.

The portfolio folder is only read. The site is written into a hidden folder beside ``DIR`` and
renamed into place at the end, so an interrupted export leaves no half site; a ``DIR`` that
holds anything is refused.
"""

from __future__ import annotations

import html
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ifms import atomic
from ifms.charts.cache import ChartCache
from ifms.handout.document import MarkdownSetup
from ifms.options import Options
from ifms.pages.links import META_TEXT, markdown_without_unsafe_links
from ifms.pages.renderer import REQUIRED_EXTENSIONS
from ifms.site_plan.navigation import explicit_nav
from ifms.site_plan.plan import STYLESHEET, SitePlan, SiteSetup
from ifms.source import frontmatter, yaml_source
from ifms.source.discovery import MARKDOWN_SUFFIXES
from ifms.source.mkdocs_yml import ALIAS_NODES, Project

HOME_PAGES = ("index.md", "README.md")
"""The pages MkDocs makes the home page (at the top of the portfolio folder), in this order."""


class ExportRefused(Exception):
    """The target cannot take the site; ``key`` names the reason (locale ``export_site.<key>``),
    ``detail`` what the system said (for a folder that cannot be written)."""

    def __init__(self, key: str, detail: str = "") -> None:
        super().__init__(key)
        self.key = key
        self.detail = detail


@dataclass(frozen=True)
class ExportedSite:
    folder: Path
    pages: int
    """Markdown pages written (the specialist's and the generated ones)."""
    files: int
    """Every file written, the config included."""


def check_target(target: Path, docs_dir: Path) -> None:
    """:class:`ExportRefused` for a target inside the portfolio folder or one that is not empty."""
    resolved, docs = target.resolve(), docs_dir.resolve()
    if resolved == docs or docs in resolved.parents or resolved in docs.parents:
        raise ExportRefused("inside_portfolio")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ExportRefused("not_empty")


def export_project(project: Project, options: Options, target: Path) -> ExportedSite:
    """The portfolio of ``project`` (mkdocs.yml) as a plain site in ``target``, with the
    settled ``options``; :class:`ExportRefused` or
    :class:`~ifms.problems.PortfolioInvalid` or :class:`~ifms.site_plan.plan.PageTaken` before
    anything is written."""
    check_target(target, project.docs_dir)
    config = read_config(project.config_file)
    cache_dir = project.option_path(options.cache_dir) if options.cache else None
    plan = SitePlan(project.docs_dir, options, SiteSetup(
        templates_dir=project.option_path(options.templates_dir), cache_dir=cache_dir,
        markdown=MarkdownSetup.from_mkdocs_yml(project.markdown_extensions),
        use_directory_urls=bool(config.get("use_directory_urls", True))))
    plan.refuse_taken(lambda path: (project.docs_dir / path).exists())  # as the site build does
    charts = ChartCache(cache_dir / "charts" if cache_dir else None).start(plan.charts).result(prune=False)
    return export_site(plan, config, charts, target)


def export_site(plan: SitePlan, config: dict[str, Any], charts: dict[str, bytes], target: Path) -> ExportedSite:
    """Write the plan's site into ``target`` (see the module's docstring); ``config`` is
    mkdocs.yml as read by :func:`read_config`, ``charts`` the drawn charts by site path."""
    docs = plan.docs_dir
    target = target.resolve()  # a link to a folder: the folder it points to
    check_target(target, docs)
    docs_name = docs.name
    files = _site_files(plan, charts)
    copied = _copied(plan)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.export-"))
    except OSError as error:
        raise ExportRefused("cannot_write", error.strerror or str(error)) from None
    try:
        for relative, content in files.items():
            atomic.write_bytes(staging / docs_name / relative, content, durable=False)
        for relative in copied:
            destination = staging / docs_name / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(docs / relative, destination)
        plain = plain_config(config, docs_name)
        if "nav" not in plain:  # the specialist's own nav stays as they wrote it
            plain["nav"] = explicit_nav(plan, [path for path in files if path.endswith(MARKDOWN_SUFFIXES)])
        comment = plan.locale.t("export_site.config_comment", date=plan.options.today)
        text = f"# {comment}\n" + config_text(plain)
        atomic.write_text(staging / "mkdocs.yml", text)
        if target.exists():
            target.rmdir()  # empty, checked above: nothing is lost
        staging.rename(target)
    except OSError as error:  # a full disk, or the folder was taken meanwhile
        raise ExportRefused("cannot_write", error.strerror or str(error)) from None
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    pages = sum(1 for path in files if path.endswith(MARKDOWN_SUFFIXES))
    return ExportedSite(target, pages, len(files) + len(copied) + 1)


def _site_files(plan: SitePlan, charts: dict[str, bytes]) -> dict[str, bytes]:
    """Path in the site's source -> content, for every file the plan makes or changes."""
    own = sorted(plan.portfolio.markdown_pages)
    home = next((path for path in HOME_PAGES if path in own or path in plan.pages), None)
    files: dict[str, bytes] = {}
    for relative in own:
        text = (plan.docs_dir / relative).read_text(encoding="utf-8-sig")
        parts = frontmatter.split(text)
        body = plan.page_markdown(relative, parts.body, is_homepage=relative == home)
        files[relative] = _as_text(parts.front_matter, body, None).encode("utf-8")
    pages = dict(plan.pages)
    if plan.print_page is not None:
        pages[plan.print_page.path] = plan.print_page.complete()
    for path, markdown in pages.items():
        parts = frontmatter.split(markdown)
        body = plan.page_markdown(path, parts.body, is_homepage=path == home, generated=True)
        heading = None if path == home else frontmatter.first_heading(body)
        files[path] = _as_text(parts.front_matter, body, heading).encode("utf-8")
    files.update(charts)
    files[STYLESHEET] = plan.stylesheet()
    return files


def _as_text(front_matter: str | None, body: str, heading: str | None) -> str:
    """A page for an engine without this plugin, made safe as the plugin makes every page in
    the build (mkdocs_ifms.safety): front-matter ``title``, ``subtitle`` and ``description``
    escaped, a generated page's heading (escaped by its template already) as its ``title``,
    and no address that would run something. The specialist's front matter is written again
    without its comments: this is a copy, their own file stays as it is."""
    meta: dict[str, Any] = {}
    if front_matter is not None:
        try:
            parsed = yaml_source.parse(front_matter).data
        except yaml_source.SyntaxProblem:
            parsed = None  # the loader has told about it; nothing of it reaches the page
        meta = dict(parsed) if isinstance(parsed, dict) else {}
    for key in META_TEXT:
        if isinstance(meta.get(key), str):
            meta[key] = html.escape(meta[key], quote=True)
    if heading and "title" not in meta:
        meta["title"] = heading
    head = f"---\n{yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)}---\n\n" if meta else ""
    return head + markdown_without_unsafe_links(body)


def _copied(plan: SitePlan) -> list[str]:
    """The portfolio's other files, as MkDocs would publish them: not the YAML records, not
    the Markdown pages (every one of them is written by :func:`_site_files`), nothing hidden."""
    skipped = set(plan.excluded) | plan.portfolio.markdown_pages
    copied = []
    for path in sorted(plan.docs_dir.rglob("*")):
        relative = path.relative_to(plan.docs_dir)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts) \
                and relative.as_posix() not in skipped:
            copied.append(relative.as_posix())
    return copied


# --- the config -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Tagged:
    """A value with a YAML tag of MkDocs' own (``!ENV``, ``!!python/name:``), kept as written."""

    tag: str
    value: Any


class _ConfigLoader(yaml_source.DateAsTextLoader):
    """mkdocs.yml with its tags kept (not evaluated) and dates as text, to be written again."""


def _keep_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        return Tagged(tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(tag, loader.construct_sequence(node, deep=True))
    return Tagged(tag, loader.construct_mapping(node, deep=True))


_ConfigLoader.add_multi_constructor("!", _keep_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _keep_tag)


class _ConfigDumper(yaml.SafeDumper):
    pass


def _write_tag(dumper: yaml.SafeDumper, tagged: Tagged) -> yaml.Node:
    if isinstance(tagged.value, list):
        return dumper.represent_sequence(tagged.tag, tagged.value)
    if isinstance(tagged.value, dict):
        return dumper.represent_mapping(tagged.tag, tagged.value)
    return dumper.represent_scalar(tagged.tag, str(tagged.value))


_ConfigDumper.add_representer(Tagged, _write_tag)


def read_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as written, its tags kept (see :class:`Tagged`); read with the same bounds
    as every YAML the core reads (``ifms`` has read and checked it before an export)."""
    text = config_file.read_text(encoding="utf-8-sig")
    data = yaml_source.parse(text, loader_class=_ConfigLoader, alias_nodes=ALIAS_NODES).data
    return data if isinstance(data, dict) else {}


def config_text(config: dict[str, Any]) -> str:
    """``config`` as mkdocs.yml text, MkDocs' tags as they were written."""
    return yaml.dump(config, Dumper=_ConfigDumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=100)


def without_ifms(config: dict[str, Any]) -> dict[str, Any]:
    """``config`` with the ``ifms`` plugin's entry removed, and nothing else changed (also the
    baseline of scripts/bench.py: ``enabled: false`` would still import the plugin)."""
    plain = dict(config)
    plugins = plain.get("plugins")
    if isinstance(plugins, dict):
        plain["plugins"] = {name: value for name, value in plugins.items() if name != "ifms"}
    elif isinstance(plugins, list):
        plain["plugins"] = [entry for entry in plugins
                            if entry != "ifms" and not (isinstance(entry, dict) and "ifms" in entry)]
    return plain


def plain_config(config: dict[str, Any], docs_name: str) -> dict[str, Any]:
    """The site's config without the ``ifms`` plugin, with what its pages need: the Markdown
    extensions they are written for and the stylesheet."""
    plain = without_ifms(config)
    plain["docs_dir"] = docs_name
    plain.pop("site_dir", None)
    extensions = list(plain.get("markdown_extensions") or [])
    names = {entry if isinstance(entry, str) else next(iter(entry), None) for entry in extensions
             if isinstance(entry, (str, dict))}
    extensions += [name for name in REQUIRED_EXTENSIONS
                   if name not in names and f"markdown.extensions.{name}" not in names]
    plain["markdown_extensions"] = extensions
    css = list(plain.get("extra_css") or [])
    plain["extra_css"] = css if STYLESHEET in css else [*css, STYLESHEET]
    return plain
