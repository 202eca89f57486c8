"""Packages of the wheel: the code, plus the content, catalogs and fonts mapped into it.

`resources/` and `translations/` stay at the top of the checkout, where people edit them; the wheel
carries them inside the package as `opvoed_desktop/resources/` and `opvoed_desktop/translations/`,
read through importlib.resources (see opvoed_desktop/paths.py). Everything else is in pyproject.toml.
"""

from setuptools import find_packages, setup

SHIPPED = {"opvoed_desktop.resources": "resources", "opvoed_desktop.translations": "translations"}

setup(
    packages=[*find_packages(include=["opvoed_desktop", "opvoed_desktop.*"]), *SHIPPED],
    package_dir=SHIPPED,
)
