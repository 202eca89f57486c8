"""Packages of the wheel: the code, plus the content, catalogs and fonts mapped into it.

`resources/` and `translations/` stay at the top of the checkout, where people edit them; the wheel
carries them inside the package as `opvoed_desktop/resources/` and `opvoed_desktop/translations/`,
read through importlib.resources (see opvoed_desktop/paths.py). Each catalog is compiled to the `.mo`
the app reads (opvoed_desktop/i18n/compiled.py) while building. Everything else is in pyproject.toml.
"""

import sys
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

SHIPPED = {"opvoed_desktop.resources": "resources", "opvoed_desktop.translations": "translations"}


class BuildWithCatalogs(build_py):
    """build_py, then every shipped .po compiled to its .mo beside the copy in the build folder."""

    def run(self) -> None:
        super().run()
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from opvoed_desktop.i18n.compiled import compile_tree

        compile_tree(Path(self.build_lib) / "opvoed_desktop" / "translations")


setup(
    packages=[*find_packages(include=["opvoed_desktop", "opvoed_desktop.*"]), *SHIPPED],
    package_dir=SHIPPED,
    cmdclass={"build_py": BuildWithCatalogs},
)
