"""The one-machine runner: template.yaml brought up against a moto server on loopback."""
