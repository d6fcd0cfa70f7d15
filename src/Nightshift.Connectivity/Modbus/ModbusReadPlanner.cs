namespace Nightshift.Connectivity.Modbus;

/// <summary>
/// Plans the reads of a set of points: the points of one unit and table, sorted by address, are coalesced into one request
/// while the next point starts at most <c>maxGap</c> registers (or bits) after the end of the block so far and the block
/// stays within the protocol maximum (125 registers, 2000 bits). Reading a few unused registers costs less than another
/// round trip; a gap of 0 coalesces only contiguous or overlapping points. Pure and thread-safe.
/// </summary>
public static class ModbusReadPlanner
{
    /// <summary>The default largest gap bridged between register points, in registers.</summary>
    public const int DefaultRegisterGap = 8;

    /// <summary>The default largest gap bridged between coil or input points, in bits.</summary>
    public const int DefaultBitGap = 64;

    /// <summary>Plans the reads of <paramref name="points"/>, ordered by unit, table and address.</summary>
    /// <exception cref="ArgumentException">A point is invalid (<see cref="ModbusPoint.Validate"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative gap.</exception>
    public static IReadOnlyList<ModbusReadBlock> Plan(IEnumerable<ModbusPoint> points, int maxRegisterGap = DefaultRegisterGap, int maxBitGap = DefaultBitGap)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRegisterGap);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBitGap);
        var sorted = points.ToList();
        foreach (var point in sorted)
        {
            point.Validate();
        }

        sorted.Sort(static (a, b) =>
        {
            var byUnit = a.UnitId.CompareTo(b.UnitId);
            if (byUnit != 0)
            {
                return byUnit;
            }

            var byTable = a.Table.CompareTo(b.Table);
            return byTable != 0 ? byTable : a.Address.CompareTo(b.Address);
        });

        var blocks = new List<ModbusReadBlock>();
        var current = new List<ModbusPoint>();
        var start = 0;
        var end = 0;
        foreach (var point in sorted)
        {
            var bits = point.IsBitTable;
            var max = bits ? ModbusRequest.MaxReadBits : ModbusRequest.MaxReadRegisters;
            var gap = bits ? maxBitGap : maxRegisterGap;
            var pointEnd = point.Address + point.Width;
            var fits = current.Count > 0
                && current[0].UnitId == point.UnitId
                && current[0].Table == point.Table
                && point.Address - end <= gap
                && Math.Max(end, pointEnd) - start <= max;
            if (!fits && current.Count > 0)
            {
                blocks.Add(new ModbusReadBlock(current[0].UnitId, current[0].Table, (ushort)start, end - start, current.ToArray()));
                current.Clear();
            }

            if (current.Count == 0)
            {
                start = point.Address;
                end = pointEnd;
            }

            end = Math.Max(end, pointEnd);
            current.Add(point);
        }

        if (current.Count > 0)
        {
            blocks.Add(new ModbusReadBlock(current[0].UnitId, current[0].Table, (ushort)start, end - start, current.ToArray()));
        }

        return blocks;
    }
}
