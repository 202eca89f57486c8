"""opvoed-desktop: an offline companion for meetings between formal and informal parenting support."""

__version__ = "0.1.0"
APP_NAME = "opvoed-desktop"
