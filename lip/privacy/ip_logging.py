"""A logging filter that shortens IP addresses in log lines: IPv4 to its /24 network, IPv6 to its /48 network.

The logs need no full address: the rate limits, which do, keep theirs in the cache under keys that expire with the
limit's period (settings.ACCOUNT_RATE_LIMITS). Installed on the console handler in settings.LOGGING.
"""

import ipaddress
import logging
import re

_IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
_IPV6 = re.compile(r"(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:%\w+)?(?![\w:])")

PREFIX = {4: 24, 6: 48}


def _shorten(match: re.Match) -> str:
    text = match.group(0)
    try:
        address = ipaddress.ip_address(text.split("%")[0])
    except ValueError:
        return text  # a time of day ("12:30:05") or a version number, not an address
    network = ipaddress.ip_network(f"{address}/{PREFIX[address.version]}", strict=False)
    return str(network)


def truncate_ip_addresses(text: str) -> str:
    return _IPV6.sub(_shorten, _IPV4.sub(_shorten, text))


class TruncateIPAddresses(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        shortened = truncate_ip_addresses(message)
        if shortened != message:
            record.msg, record.args = shortened, None
        return True
