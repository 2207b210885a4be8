"""spdocs: strategic-partnership documents in Kazakh, Russian and English from one data file."""

from __future__ import annotations

__version__ = "0.1.0"
