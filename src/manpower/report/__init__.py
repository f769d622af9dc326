"""The report, from parameters to the published folder: the chapter cache, the kernel, executing
the notebooks, converting them, the back matter, typesetting the PDF and HTML, publishing, the
render pipeline itself and the benchmark that times it."""
