"""Log lines in each vendor's documented format, written for these tests (not copied from vendors).

Every builder takes the facts of one request and returns one line, so end-to-end tests can
compute the expected figures from the same facts, independently of the code under test.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

ZEEK_HEADER = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\t{path}\n#open\t2024-05-01-10-00-00\n#fields\t{fields}\n#types\t{types}\n"
DNS_FIELDS = "ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto trans_id rtt query qclass qclass_name qtype qtype_name rcode rcode_name AA TC RD RA Z answers TTLs rejected".split()
SSL_FIELDS = "ts uid id.orig_h id.orig_p id.resp_h id.resp_p version cipher curve server_name resumed last_alert next_protocol established".split()
HTTP_FIELDS = "ts uid id.orig_h id.orig_p id.resp_h id.resp_p trans_depth method host uri referrer version user_agent request_body_len response_body_len status_code status_msg username".split()


def dt(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


def squid_native(ts: float, ip: str, user: str | None, method: str, url: str, bytes_in: int, status: int = 200) -> str:
    code = "TCP_TUNNEL" if method == "CONNECT" else "TCP_MISS"
    return f"{ts:.3f} {137:6d} {ip} {code}/{status} {bytes_in} {method} {url} {user or '-'} HIER_DIRECT/192.0.2.10 text/html"


def squid_combined(ts: float, ip: str, user: str | None, method: str, url: str, bytes_in: int, status: int = 200) -> str:
    when = dt(ts).strftime("%d/%b/%Y:%H:%M:%S +0000")
    return f'{ip} - {user or "-"} [{when}] "{method} {url} HTTP/1.1" {status} {bytes_in} "-" "Mozilla/5.0 (X11)" TCP_MISS:HIER_DIRECT'


def zscaler_csv(ts: float, user: str, ip: str, url: str, bytes_out: int, bytes_in: int) -> str:
    when = dt(ts).strftime("%a %b %d %H:%M:%S %Y")
    cells = [
        when, user, "HTTPS", url, "Allowed", "Generic AI", "General Browsing", str(bytes_out), str(bytes_in), "5", "12",
        "Business Use", "Information Technology", "AI and ML Applications", "None", "None", "0", "None", "None",
        "HQ-GRE", "Engineering", ip, "198.51.100.20", "POST", "200", "Mozilla/5.0", "None", "UrlFilter", "Allow AI",
        "application/json", "None", "NA", "NA", "N/A",
    ]
    return ",".join(f'"{c}"' for c in cells)


def zscaler_json(ts: float, user: str, ip: str, url: str, bytes_out: int, bytes_in: int) -> str:
    host = url.split("/", 1)[0]
    event = {
        "datetime": dt(ts).strftime("%Y-%m-%d %H:%M:%S"),
        "reason": "Allowed",
        "protocol": "HTTPS",
        "action": "Allowed",
        "requestsize": str(bytes_out),
        "responsesize": str(bytes_in),
        "urlcategory": "AI and ML Applications",
        "serverip": "198.51.100.21",
        "ClientIP": ip,
        "user": user,
        "url": url,
        "hostname": host,
        "department": "Engineering",
    }
    return json.dumps({"sourcetype": "zscalernss-web", "event": event})


def _panos_head(ts: float, kind: str, subtype: str, src: str, dst: str, user: str) -> list[str]:
    when = dt(ts).strftime("%Y/%m/%d %H:%M:%S")
    return [
        "1", when, "013201001234", kind, subtype, "2561", when, src, dst, "203.0.113.5", dst, "allow-web",
        user, "", "ssl", "vsys1", "trust", "untrust", "ethernet1/2", "ethernet1/1", "siem", "2561", "88231", "1",
        "51234", "443", "40123", "443", "0x400053", "tcp", "allow",
    ]


def paloalto_traffic(ts: float, src: str, dst: str, user: str, bytes_out: int, bytes_in: int, syslog: bool = True) -> str:
    f = _panos_head(ts, "TRAFFIC", "end", src, dst, user)
    f += [str(bytes_out + bytes_in), str(bytes_out), str(bytes_in), "24", dt(ts - 10).strftime("%Y/%m/%d %H:%M:%S"), "10",
          "computer-and-internet-info", "0", "7253419119627122716", "0x8000000000000000", "10.0.0.0-10.255.255.255",
          "United States", "0", "12", "12", "tcp-fin"]
    line = ",".join(f)
    return f"<14>{dt(ts).strftime('%b %d %H:%M:%S')} PA-3220 {line}" if syslog else line


def paloalto_url(ts: float, src: str, dst: str, user: str, url: str) -> str:
    f = _panos_head(ts, "THREAT", "url", src, dst, user)
    f += [f'"{url}"', "(9999)", "artificial-intelligence", "informational", "client-to-server", "81234", "0x8000000000000000",
          "10.0.0.0-10.255.255.255", "United States", "0", "text/html", "0", "", "", "1", "Mozilla/5.0", "", "", "", "", "", ""]
    return ",".join(f)


def umbrella_dns(ts: float, user: str, ip: str, domain: str) -> str:
    cells = [dt(ts).strftime("%Y-%m-%d %H:%M:%S"), user, f"{user},HQ,Corp Network", ip, "203.0.113.9", "Allowed",
             "1 (A)", "NOERROR", f"{domain}.", "Generative AI", "AD Users", "AD Users,Sites,Networks", ""]
    return ",".join(f'"{c}"' for c in cells)


def umbrella_proxy(ts: float, user: str, ip: str, url: str, bytes_out: int, bytes_in: int) -> str:
    cells = [dt(ts).strftime("%Y-%m-%d %H:%M:%S"), user, ip, "203.0.113.9", "104.18.7.7", "application/json", "ALLOWED",
             url, "", "Mozilla/5.0", "200", str(bytes_out), str(bytes_in), str(max(0, bytes_in - 200)), "",
             "Generative AI", "", "", "", "", "", "AD Users", "", user, "AD Users", "POST"]
    return ",".join(f'"{c}"' for c in cells)


def fortigate(ts: float, user: str | None, src: str, dst: str, hostname: str | None, bytes_out: int, bytes_in: int) -> str:
    d = dt(ts)
    kind = 'type="utm" subtype="webfilter" eventtype="ftgd_allow"' if hostname else 'type="traffic" subtype="forward"'
    host = f' hostname="{hostname}" url="/api/generate"' if hostname else ""
    who = f' user="{user}"' if user else ""
    return (
        f'date={d:%Y-%m-%d} time={d:%H:%M:%S} devname="FGT-HQ" devid="FGT60F0000000001" logid="0316013057" {kind} '
        f'level="notice" vd="root" eventtime={int(ts)}123456789 tz="+0000" policyid=4 sessionid=77123{who} '
        f'srcip={src} srcport=52311 srcintf="lan" dstip={dst} dstport=443 dstintf="wan1" proto=6 service="HTTPS"{host} '
        f'action="passthrough" sentbyte={bytes_out} rcvdbyte={bytes_in} msg="URL belongs to an allowed category in policy"'
    )


def cef(ts: float, user: str, src: str, host: str, bytes_out: int, bytes_in: int) -> str:
    return (
        f"<134>{dt(ts).strftime('%b %d %H:%M:%S')} swg01 CEF:0|Acme|Secure Web Gateway|4.2|web-allow|Web request allowed|3|"
        f"rt={int(ts * 1000)} src={src} suser={user} dhost={host} request=https://{host}/v1/chat requestMethod=POST "
        f"out={bytes_out} in={bytes_in} act=allowed msg=Upload of a file \\= report.pdf"
    )


def zeek_tsv(path: str, fields: list[str], rows: list[dict[str, str]]) -> str:
    types = "\t".join("string" for _ in fields)
    out = ZEEK_HEADER.format(path=path, fields="\t".join(fields), types=types)
    for row in rows:
        out += "\t".join(row.get(f, "-") for f in fields) + "\n"
    return out + "#close\t2024-05-01-11-00-00\n"


def zeek_dns_row(ts: float, ip: str, query: str, answers: list[str]) -> dict[str, str]:
    return {"ts": f"{ts:.6f}", "uid": "Cq1", "id.orig_h": ip, "id.orig_p": "53001", "id.resp_h": "10.0.0.53",
            "id.resp_p": "53", "proto": "udp", "trans_id": "4242", "query": query, "qclass": "1", "qclass_name": "C_INTERNET",
            "qtype": "1", "qtype_name": "A", "rcode": "0", "rcode_name": "NOERROR", "AA": "F", "TC": "F", "RD": "T",
            "RA": "T", "Z": "0", "answers": ",".join(answers) or "-", "TTLs": "60.0", "rejected": "F"}


def zeek_ssl_row(ts: float, ip: str, server_ip: str, sni: str) -> dict[str, str]:
    return {"ts": f"{ts:.6f}", "uid": "Cs1", "id.orig_h": ip, "id.orig_p": "50100", "id.resp_h": server_ip,
            "id.resp_p": "443", "version": "TLSv13", "cipher": "TLS_AES_128_GCM_SHA256", "curve": "x25519",
            "server_name": sni, "resumed": "F", "established": "T"}


def zeek_http_json(ts: float, ip: str, host: str, uri: str, bytes_out: int, bytes_in: int) -> str:
    return json.dumps({"ts": ts, "uid": "Ch1", "id.orig_h": ip, "id.orig_p": 50200, "id.resp_h": "192.0.2.80",
                       "id.resp_p": 80, "trans_depth": 1, "method": "POST", "host": host, "uri": uri,
                       "request_body_len": bytes_out, "response_body_len": bytes_in, "status_code": 200})


def zeek_conn_json(ts: float, ip: str, dst: str, bytes_out: int, bytes_in: int) -> str:
    return json.dumps({"ts": ts, "uid": "Cc1", "id.orig_h": ip, "id.orig_p": 50300, "id.resp_h": dst, "id.resp_p": 443,
                       "proto": "tcp", "service": "ssl", "duration": 1.5, "orig_bytes": bytes_out, "resp_bytes": bytes_in,
                       "conn_state": "SF"})
