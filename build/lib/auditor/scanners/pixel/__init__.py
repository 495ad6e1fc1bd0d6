"""Pixel scanners: burned-in text (OCR), faces, barcodes, and whether an image is a medical image."""
