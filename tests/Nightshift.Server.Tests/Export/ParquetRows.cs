using Parquet;

namespace Nightshift.Server.Tests.Export;

/// <summary>Reads a long-layout export back with Parquet.Net, row by row.</summary>
public static class ParquetRows
{
    public static async Task<(List<ParquetRow> Rows, int RowGroups)> ReadLongAsync(Stream file, CancellationToken cancellationToken)
    {
        await using var reader = await ParquetReader.CreateAsync(file, null, leaveStreamOpen: true, cancellationToken);
        var fields = reader.Schema.GetDataFields();
        fields.Select(f => f.Name).ShouldBe(["time", "tag", "value", "text", "quality"]);
        var rows = new List<ParquetRow>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = (int)group.RowCount;
            var times = new DateTime[count];
            var tags = new string[count];
            var values = new double?[count];
            var texts = new string?[count];
            var qualities = new uint[count];
            await group.ReadAsync<DateTime>(fields[0], times, null, cancellationToken);
            await group.ReadAsync(fields[1], tags, null, cancellationToken);
            await group.ReadAsync<double>(fields[2], values, null, cancellationToken);
            await group.ReadAsync(fields[3], texts!, null, cancellationToken);
            await group.ReadAsync<uint>(fields[4], qualities, null, cancellationToken);
            for (var i = 0; i < count; i++)
            {
                rows.Add(new ParquetRow(times[i], tags[i], values[i], texts[i], qualities[i]));
            }
        }

        return (rows, reader.RowGroupCount);
    }

    /// <summary>The time column's declared type: a UTC timestamp in microseconds.</summary>
    public static async Task<Parquet.Schema.DateTimeDataField> TimeFieldAsync(Stream file, CancellationToken cancellationToken)
    {
        await using var reader = await ParquetReader.CreateAsync(file, null, leaveStreamOpen: true, cancellationToken);
        return reader.Schema.GetDataFields()[0].ShouldBeOfType<Parquet.Schema.DateTimeDataField>();
    }
}
