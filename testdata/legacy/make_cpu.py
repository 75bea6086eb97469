#!/usr/bin/env python3
"""Writes cpu.prof: a legacy binary CPU profile (gperftools' format, as
pprof's legacy_profile.go parseCPU describes it), 64-bit little-endian words:
header 0 3 0 PERIOD_US 0, records COUNT DEPTH PC..., end marker 0 1 0, then
the /proc/self/maps text. The second frame of every sample is the signal
handler's (pprof strips it), and one sample repeats its leaf + 1."""
import struct

HANDLER = 0x7F0A1C03B420
records = [
    (120, [0x401A2F, HANDLER, 0x402B11, 0x7F0A1C02A1CB]),
    (40, [0x401B00, HANDLER, 0x402C21, 0x7F0A1C02A1CB]),
    (25, [0x7F0A1C0E5A10, HANDLER, 0x7F0A1C0E5A10, 0x402C21, 0x7F0A1C02A1CB]),
    (5, [0x401B00, HANDLER, 0x402B11, 0x7F0A1C02A1CB]),
]
words = [0, 3, 0, 10000, 0]  # period: 10000 us = 100 Hz
for count, pcs in records:
    words += [count, len(pcs)] + pcs
words += [0, 1, 0]
maps = (
    "00400000-00405000 r-xp 00000000 08:01 1311 /usr/local/bin/server\n"
    "7f0a1c000000-7f0a1c1a0000 r-xp 00000000 08:01 2201 "
    "/lib/x86_64-linux-gnu/libc.so.6\n"
)
with open("cpu.prof", "wb") as f:
    f.write(struct.pack("<%dQ" % len(words), *words))
    f.write(maps.encode())
