import subprocess
import sys


def test_crm_imports_without_qt():
    """Every crm module imports in a fresh interpreter without pulling in PySide6."""
    code = (
        "import pkgutil, importlib, sys, crm\n"
        "for m in pkgutil.walk_packages(crm.__path__, 'crm.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.startswith('PySide6')]\n"
        "print(len(list(pkgutil.walk_packages(crm.__path__))))\n"
        "sys.exit(1 if bad else 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) >= 5
