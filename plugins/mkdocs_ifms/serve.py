"""``scripts/serve``: the live preview as a specialist runs it, with a quiet terminal.

``mkdocs serve`` talks to developers: English INFO lines for every rebuild, Material's box about
MkDocs' end of life, a warning about ``--dirty``. A doctor needs to know where the site is, how to
stop, and what is wrong in the portfolio when it is (data errors, privacy findings), in the
portfolio's language. So this runs MkDocs' own server (``mkdocs serve --dirty``, made equal to a
clean build by the plugin, see mkdocs_ifms.preview) and shows only that: the plugin's warnings
and errors, and the lines it marks for the preview. ``-v`` shows everything MkDocs says,
``-vv`` its debug lines too.

    python -m mkdocs_ifms.serve [-a 127.0.0.1:8000] [-f mkdocs.yml] [-o] [-v]
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import warnings

from .preview import PREVIEW

PLUGIN_LOGGER = "mkdocs.plugins.ifms"


class QuietTerminal(logging.Filter):
    """What a specialist sees: the plugin's warnings and errors (data errors, privacy findings),
    the lines it marks for the preview (where the site is), and any error."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, PREVIEW, False) or record.levelno >= logging.ERROR:
            return True
        return record.name == PLUGIN_LOGGER and record.levelno >= logging.WARNING


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="scripts/serve",
        description="Toont het portfolio op deze computer; wijzigingen verschijnen vanzelf in de browser.")
    parser.add_argument("-a", "--dev-addr", metavar="IP:POORT",
                        help="adres (alleen 127.0.0.1), standaard dat uit mkdocs.yml")
    parser.add_argument("-f", "--config-file", metavar="BESTAND", help="een andere mkdocs.yml")
    parser.add_argument("-o", "--open", action="store_true", help="de site meteen in de browser openen")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="alles laten zien wat MkDocs meldt (-vv: ook de details)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    if not args.verbose:
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life box
        os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")  # a plugin's "switch to ProperDocs"
        warnings.simplefilter("ignore")  # deprecation notes of libraries, for developers
    from mkdocs import exceptions
    from mkdocs.commands import serve

    logger = logging.getLogger("mkdocs")
    logger.propagate = False
    logger.setLevel(logging.DEBUG if args.verbose > 1 else logging.INFO)
    handler = logging.StreamHandler(sys.stderr)
    if args.verbose:
        from mkdocs.__main__ import ColorFormatter

        handler.setFormatter(ColorFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(message)s"))
        handler.addFilter(QuietTerminal())
    logger.addHandler(handler)
    options = {"dev_addr": args.dev_addr} if args.dev_addr else {}
    try:
        serve.serve(config_file=args.config_file, livereload=True, build_type="dirty",
                    open_in_browser=args.open, **options)
    except exceptions.Abort as abort:  # told already (an error line above)
        if args.verbose:
            print(abort.format_message(), file=sys.stderr)
        return 1
    except exceptions.MkDocsException as error:  # mkdocs.yml unreadable, a missing folder
        print(error.format_message(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    except OSError as error:  # the address is taken (another preview), or not this computer's
        from ifms.i18n.locale import Locale

        print(Locale(os.environ.get("IFMS_LANG")).t("preview.address_taken", address=args.dev_addr or "127.0.0.1:8000",
                                                     detail=error.strerror or error), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
