"""The DICOM header scanner (`header.DicomHeaderScanner`, registry name `dicom_header`).

Modules: `reader` (bytes → pydicom Dataset, headers only), `rules` (the Annex E data in `annex_e.json`, made by
`build_annex_e.py`), `deid` (de-identified files and pseudonyms), `burned_in` (burned-in text risk from the header),
`identifying` (the per-item deny-list for the pixel scanner), `header` (the walk and the findings). See README.md.
Nothing here imports pydicom at package import time.
"""
