"""Decoding of media: images (`image`), DICOM headers (`dicom`) and DICOM frames (`frames`).

Scanners, the pipeline, redaction and the dashboard all read pixels and DICOM through this layer, so none of
them imports another's internals and a decoding fix lands everywhere at once.
"""
