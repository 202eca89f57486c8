"""Every session factory leaves tombstones, also one made after an earlier factory was collected.

SQLAlchemy keys its event registry by id(): `event.contains` on a new factory at the address of a
collected one said "already listening", so some databases opened in a long process (the test
suite, an import after an export) recorded no tombstones at all.
"""

from __future__ import annotations

import gc

from sqlalchemy.orm import sessionmaker

from opvoed_desktop.storage import tombstones


def test_a_new_factory_after_a_collected_one_still_gets_the_listeners() -> None:
    missing = 0
    for _ in range(8):  # with the bug about three in four missed their listeners
        factory: sessionmaker = sessionmaker()
        tombstones.install(factory)
        tombstones.install(factory)  # idempotent: listening once
        session = factory()
        listeners = list(session.dispatch.before_flush)
        missing += listeners.count(tombstones._before_flush) != 1
        session.close()
        del factory, session
        gc.collect()
    assert missing == 0, f"{missing} of 8 session factories would record no tombstones"
