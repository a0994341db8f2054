import os
import socket

from celery import shared_task


@shared_task
def ping(payload: str) -> dict:
    """Answer with the payload and where it ran: used to prove a round trip through the broker."""
    return {"payload": payload, "pid": os.getpid(), "hostname": socket.gethostname()}
