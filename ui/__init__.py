"""Vouch's window: Qt only. No SQL and no business rules here: those live in crm/."""

import sys

if sys.implementation.name == "cpython" and sys.version_info < (3, 12):
    # PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a method that
    # returns void (setVisible, setPos, setText…); after a few thousand calls None's count
    # reaches zero and the interpreter aborts ("none_dealloc"). None is immortal from 3.12
    # on; here it is made effectively immortal by adding 2**40 to its reference count.
    # pyproject.toml keeps PySide6 below 6.12; this guard covers a 6.12 installed by hand.
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
