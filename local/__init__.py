"""The one-machine runner: template.yaml brought up against a moto server on loopback.

Its commands (`python -m local.seed`, `local.run`, ...) import the bobbies package the way a
function does on Lambda, from the common layer, so the layer goes on sys.path here.
"""

import sys
from pathlib import Path

_LAYER = str(Path(__file__).resolve().parents[1] / "layers" / "common" / "python")
if _LAYER not in sys.path:
    sys.path.append(_LAYER)
