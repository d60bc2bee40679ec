"""The `playbook` command: a thin adapter over the core. Never shows a traceback, unless asked (--debug).

The sub-commands are listed in pipeline.COMMANDS; each lives in its own module
here with add_arguments(parser) and run(args), imported only when used.
"""
from __future__ import annotations

import argparse
import importlib
import sys
import traceback

from .. import pipeline


def build_parser() -> argparse.ArgumentParser:
    debug = argparse.ArgumentParser(add_help=False)
    debug.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                       help="on an internal error, show the Python traceback (for bug reports)")
    parser = argparse.ArgumentParser(prog="playbook", description="Check and build a social media response playbook.",
                                     parents=[debug])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, module_name in pipeline.COMMANDS:
        module = importlib.import_module(module_name)
        p = sub.add_parser(name, help=module.HELP, description=module.HELP, parents=[debug])
        module.add_arguments(p)
        p.set_defaults(func=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # last resort: a bug, not bad input; still no traceback unless asked
        if getattr(args, "debug", False):
            traceback.print_exc()
        else:
            print(f"playbook {args.command}: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
            print("please report this with the file that caused it (run again with --debug for the details)", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
