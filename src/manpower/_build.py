"""Build time only (pyproject.toml's cmdclass): an editable install installs the data files too.

The kernelspec share/jupyter/kernels/manpower/kernel.json is a data file, which every wheel
installs into the environment; setuptools' editable_wheel means to install data files "as non
editable" too, but asks the distribution for `has_data` (which only the install command has), so
`pip install -e .` (make setup, environment.yml) silently left the kernel out.
"""
from __future__ import annotations

from setuptools.command.editable_wheel import editable_wheel


class EditableWheel(editable_wheel):
    def _run_install(self, category: str):
        if category == "data" and not hasattr(self.distribution, "has_data") and self.distribution.has_data_files():
            self.run_command("install_data")
            return None
        return super()._run_install(category)
