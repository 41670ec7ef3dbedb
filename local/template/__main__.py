"""`python -m local.template`: a quick look at what the runner reads from the template."""

from pathlib import Path

from local.template import functions

for spec in functions():
    print(spec.logical_id, spec.module_file.relative_to(Path.cwd()))
    for route in spec.routes:
        print("   ", route.method, route.path)
    for stream in spec.streams:
        print("   ", stream)
    for schedule in spec.schedules:
        print("   ", schedule)
