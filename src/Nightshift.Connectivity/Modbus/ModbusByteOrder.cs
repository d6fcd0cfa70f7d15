namespace Nightshift.Connectivity.Modbus;

/// <summary>
/// The order of a multi-byte value's bytes across registers, named by where the bytes A (most significant) to D land
/// for a 32-bit value: <see cref="ABCD"/> is big-endian (the Modbus default), <see cref="CDAB"/> swaps the words,
/// <see cref="BADC"/> swaps the bytes within each word, <see cref="DCBA"/> is little-endian. For 64-bit values the same rule
/// holds over four words (CDAB reverses all four words). One-register values use only the byte rule (BADC and DCBA swap
/// the two bytes).
/// </summary>
public enum ModbusByteOrder : byte
{
    ABCD = 0,
    CDAB = 1,
    BADC = 2,
    DCBA = 3,
}
