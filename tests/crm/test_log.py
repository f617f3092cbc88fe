"""The log file rotates by size as logging.handlers.RotatingFileHandler would."""

from __future__ import annotations

import logging
import subprocess
import sys

from crm.log import RotatingLogFile


def _logger(handler: logging.Handler) -> logging.Logger:
    log = logging.getLogger(f"test_log.{id(handler)}")
    log.propagate = False
    log.setLevel(logging.INFO)
    log.addHandler(handler)
    return log


def test_rolls_over_by_size_and_keeps_the_last_backups(tmp_path):
    path = tmp_path / "vouch.log"
    handler = RotatingLogFile(path, max_bytes=100, backups=2)
    log = _logger(handler)
    for i in range(12):
        log.info("line %02d %s", i, "x" * 30)  # 41 bytes a line: two lines a file
    handler.close()

    assert path.read_text(encoding="utf-8").splitlines()[-1].startswith("line 11")
    assert all(len(p.read_bytes()) < 100 for p in (path, tmp_path / "vouch.log.1"))
    assert (tmp_path / "vouch.log.1").read_text(encoding="utf-8").startswith("line 08")
    assert (tmp_path / "vouch.log.2").read_text(encoding="utf-8").startswith("line 06")
    assert not (tmp_path / "vouch.log.3").exists()


def test_appends_to_the_existing_file_without_rotating_it(tmp_path):
    path = tmp_path / "vouch.log"
    path.write_text("earlier session\n", encoding="utf-8")
    handler = RotatingLogFile(path)
    _logger(handler).info("this session")
    handler.close()

    assert path.read_text(encoding="utf-8") == "earlier session\nthis session\n"
    assert not (tmp_path / "vouch.log.1").exists()


def test_importing_it_leaves_logging_handlers_out():
    code = "import sys, crm.log; print('logging.handlers' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
