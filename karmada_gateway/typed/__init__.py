"""Typed `<verb>_<kind>` method groups, mixed into KarmadaClient."""
