#!/usr/bin/env python3
"""python-escpos 3.1's side of `kiosk-bench receipt`: prints the benchmark receipt to the emulated
printer on a pty the way python-escpos users do (set() for styles, the GB18030 bytes through
_raw() since its text() has no GB18030 code page, native qr(), cut()), with no status check, and
times paper_status(). Prints one JSON line:

    {"print_s": [...], "paper_status_s": [...], "paper_status": 2, "timeout": 1}

Run with the test virtual environment: .venv/bin/python bench/receipt_escpos.py --pty PATH --receipt FILE
(kiosk-bench receipt writes FILE from its Receipt and runs this script).
"""
import argparse
import json
import time

from escpos import constants
from escpos.printer import Serial

EC_LEVELS = {"L": constants.QR_ECLEVEL_L, "M": constants.QR_ECLEVEL_M,
             "Q": constants.QR_ECLEVEL_Q, "H": constants.QR_ECLEVEL_H}


def print_receipt(printer, elements):
    printer.hw("INIT")                 # ESC @
    printer._raw(b"\x1c\x26")          # FS &: Chinese mode
    for element in elements:
        if "text" in element:
            width, height = element["width"], element["height"]
            if width == 1 and height == 1:
                printer.set(align=element["align"], bold=element["bold"], normal_textsize=True)
            else:
                printer.set(align=element["align"], bold=element["bold"], custom_size=True, width=width, height=height)
            printer._raw(element["text"].encode("gb18030") + b"\n")
        elif "separator" in element:
            printer.set(align="left", bold=False, normal_textsize=True)
            printer._raw((element["separator"] * element["columns"]).encode("gb18030") + b"\n")
        elif "qr" in element:
            printer.set(align="center")
            printer.qr(element["qr"], ec=EC_LEVELS[element["ec"]], size=element["size"], native=True)
        elif "feed" in element:
            printer.ln(element["feed"])
        elif "cut" in element:
            printer.cut(mode="PART")
    printer._raw(b"\x1c\x2e")          # FS .
    printer.device.flush()             # tcdrain: until the emulator has read it all


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pty", required=True)
    parser.add_argument("--receipt", required=True)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--status-runs", type=int, default=2)
    parser.add_argument("--baud", type=int, default=115200)
    arguments = parser.parse_args()
    with open(arguments.receipt, encoding="utf-8") as file:
        elements = json.load(file)["elements"]

    # python-escpos's defaults (timeout 1 s) except the baud rate; dsrdtr off, as a pty has no modem lines.
    printer = Serial(devfile=arguments.pty, baudrate=arguments.baud, dsrdtr=False)
    printer.open()
    print_receipt(printer, elements)   # warm-up
    print_seconds = []
    for _ in range(arguments.runs):
        start = time.perf_counter()
        print_receipt(printer, elements)
        print_seconds.append(time.perf_counter() - start)

    status_seconds = []
    status = None
    for _ in range(arguments.status_runs):
        start = time.perf_counter()
        status = printer.paper_status()
        status_seconds.append(time.perf_counter() - start)
    printer.close()
    print(json.dumps({"print_s": print_seconds, "paper_status_s": status_seconds,
                      "paper_status": status, "timeout": printer.timeout}))


if __name__ == "__main__":
    main()
