"""What a `phi-audit serve` instance runs with, checked before it starts: where it listens, its token, its bounds."""

from __future__ import annotations

import ipaddress
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from auditor.policy import Policy

#: Shortest bearer token accepted: 128 bits as hex (e.g. `python -c "import secrets; print(secrets.token_hex(16))"`).
MIN_TOKEN_LENGTH = 32


class ServiceConfigError(ValueError):
    """A configuration the service refuses to start with; the message says what to change."""


@dataclass(frozen=True)
class ServiceConfig:
    store: Path
    policy: Policy
    host: str = "127.0.0.1"
    port: int = 8080
    workers: int = 1  # processes of the media lane (images, DICOM, PDF, archives)
    text_workers: int = 1  # processes of the text lane (text, CSV, JSON posts without media)
    token: str | None = None
    max_upload_bytes: int = 50 * 1024 * 1024
    time_limit: float = 120.0  # seconds a check may take, reading the upload and scanning it
    reject_at: str = "low"  # risk at or above which an upload is not accepted

    def __post_init__(self) -> None:
        if self.token is None and not is_loopback(self.host):
            raise ServiceConfigError(
                f"refusing to listen on {self.host} without a token: anyone who can reach it could submit "
                "uploads and read the findings. Give --token-file FILE (mode 0600), or listen on 127.0.0.1."
            )


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def read_token(path: Path) -> str:
    """The bearer token in `path`: the file must belong to this user and be readable by no one else (0600)."""
    try:
        info = path.stat()
        text = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as error:
        raise ServiceConfigError(f"{path}: cannot read the token file ({error})") from None
    if stat.S_IMODE(info.st_mode) & 0o077:
        raise ServiceConfigError(
            f"{path}: the token file is readable by others (mode {stat.S_IMODE(info.st_mode):o}); run chmod 600 {path}"
        )
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise ServiceConfigError(f"{path}: the token file belongs to another user")
    if len(text) < MIN_TOKEN_LENGTH or any(c.isspace() for c in text):
        raise ServiceConfigError(f"{path}: the token must be one line of at least {MIN_TOKEN_LENGTH} characters without spaces")
    return text
