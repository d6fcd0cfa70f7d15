#!/usr/bin/python3
"""A real Modbus TCP server (pymodbus 3.0) with known values, for the Modbus interop tests.

Usage: /usr/bin/python3 modbus_server.py PORT

Listens on 127.0.0.1:PORT. Addresses are zero-based (zero_mode). Unit 1 and unit 2 answer; any other unit id
gets exception 0x0B (gateway target device failed to respond); an address at or above 100 gets exception 2
(illegal data address). The layout below is mirrored in tests/Nightshift.Connectivity.Tests/Modbus/ModbusInteropTests.cs.

Unit 1, holding registers (input registers hold the same values):
  0       int16   -1234
  1       uint16  54321
  2..3    int32   -123456789      ABCD
  4..5    uint32  3000000000      ABCD
  6..7    float32 123.456         ABCD
  8..9    float32 123.456         CDAB
  10..11  float32 123.456         BADC
  12..13  float32 123.456         DCBA
  14..17  float64 -9876.54321     ABCD
  18      bits    0xA005 (bits 0, 2, 13, 15 set)
  19      uint16  2150 (scale 0.01, offset -40 gives -18.5)
  20..99  zero (free for writes)
Unit 1, coils 0..7: 1 0 1 1 0 0 1 0; discrete inputs 0..7: 0 1 1 0 1 0 0 1; the rest zero.
Unit 2, holding register 0: 2222, the rest zero.
"""
import asyncio
import logging
import struct
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server import StartAsyncTcpServer

SIZE = 100


def registers(fmt, value):
    raw = struct.pack(">" + fmt, value)
    return [int.from_bytes(raw[i:i + 2], "big") for i in range(0, len(raw), 2)]


def unit1_registers():
    values = [0] * SIZE
    f32 = registers("f", 123.456)
    layout = [
        (0, registers("h", -1234)),
        (1, registers("H", 54321)),
        (2, registers("i", -123456789)),
        (4, registers("I", 3000000000)),
        (6, f32),
        (8, [f32[1], f32[0]]),
        (10, [swap(f32[0]), swap(f32[1])]),
        (12, [swap(f32[1]), swap(f32[0])]),
        (14, registers("d", -9876.54321)),
        (18, [0xA005]),
        (19, [2150]),
    ]
    for address, words in layout:
        values[address:address + len(words)] = words
    return values


def swap(word):
    return ((word & 0xFF) << 8) | (word >> 8)


def bits(pattern):
    return pattern + [0] * (SIZE - len(pattern))


def main():
    port = int(sys.argv[1])
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    unit1 = ModbusSlaveContext(
        di=ModbusSequentialDataBlock(0, bits([0, 1, 1, 0, 1, 0, 0, 1])),
        co=ModbusSequentialDataBlock(0, bits([1, 0, 1, 1, 0, 0, 1, 0])),
        hr=ModbusSequentialDataBlock(0, unit1_registers()),
        ir=ModbusSequentialDataBlock(0, unit1_registers()),
        zero_mode=True,
    )
    unit2_holding = [0] * SIZE
    unit2_holding[0] = 2222
    unit2 = ModbusSlaveContext(
        di=ModbusSequentialDataBlock(0, bits([])),
        co=ModbusSequentialDataBlock(0, bits([])),
        hr=ModbusSequentialDataBlock(0, unit2_holding),
        ir=ModbusSequentialDataBlock(0, [0] * SIZE),
        zero_mode=True,
    )
    context = ModbusServerContext(slaves={1: unit1, 2: unit2}, single=False)
    print(f"modbus server on 127.0.0.1:{port}", flush=True)
    asyncio.run(StartAsyncTcpServer(context, address=("127.0.0.1", port), allow_reuse_address=True))


if __name__ == "__main__":
    main()
