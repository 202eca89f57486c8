"""`opvoed-desktop` and `python -m opvoed_desktop`: the GUI by default, CLI sub-commands headless."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from opvoed_desktop.app import main as run

    if argv is None:  # the process's own run (a test passes its arguments)
        from opvoed_desktop.process_end import mark_own_process

        mark_own_process()
    status = run(sys.argv[1:] if argv is None else argv, hooks=True)
    try:
        sys.stdout.flush()  # a short output is only written here, at the end: the reader may be gone
    except BrokenPipeError:
        from opvoed_desktop.pipes import closed_pipe_exit

        return closed_pipe_exit()
    except (AttributeError, ValueError):  # no stdout at all (pythonw) or closed: nothing to flush
        pass
    if argv is None and status == 0:  # the process's own run (not a test calling main in its process)
        from opvoed_desktop.process_end import end_now, quick_end_allowed

        if quick_end_allowed():
            end_now(status)
    return status


if __name__ == "__main__":
    sys.exit(main())
