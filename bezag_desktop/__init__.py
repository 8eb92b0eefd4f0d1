"""BezAG Desktop: the office program of the Bezirksarbeitsgemeinschaft Sozialplanung Oberbayern."""

__version__ = "0.1.0"
APP_NAME = "BezAG Desktop"
APP_ID = "bezag-desktop"
