"""The framework's logger, as ``fastapi.logger.logger``: apps log through it and configure it by name."""
import logging

logger = logging.getLogger("tachyon")
