"""Places: a gazetteer of GeoNames records from registry packages and place resolution.

`open_gazetteer()` (index.py) opens the cached index (building it on first use);
`sources.py` reads the packages; `coordinates.py` supplies points and distances.
"""

from tacitus.geo.index import Candidate, Gazetteer, name_key, open_gazetteer
from tacitus.geo.sources import GeoRecord

__all__ = ["Candidate", "Gazetteer", "GeoRecord", "name_key", "open_gazetteer"]
