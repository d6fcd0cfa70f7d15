using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Twins.Equipment;

namespace Nightshift.Twins.Tests;

public sealed class EquipmentWriteTests(SharedSilo shared)
{
    private const string Path = "paint/oven";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly string _tenant = Twin.NewTenant();

    private IEquipmentGrain Grain => shared.Silo.Grains.GetGrain<IEquipmentGrain>(TwinKeys.Equipment(_tenant, Path));

    private static TagValue Number(double value) =>
        TagValue.From(new Sample(new SeriesId(1), Twin.T0, SampleValue.FromDouble(value), Quality.Good));

    [Fact]
    public async Task A_write_the_device_reports_back_is_confirmed_with_the_read_back_value()
    {
        // The device takes the write and reports the value in its next data message, which reaches the twin as an
        // update while the write waits: the update must interleave with the waiting write.
        shared.Silo.Writer.Script(_tenant, (path, tag, value, ct) =>
        {
            _ = Task.Run(() => Grain.ApplyAsync([Twin.Number(tag, (float)value.AsDouble(), 100)], Twin.StateTag), CancellationToken.None);
            return ValueTask.CompletedTask;
        });

        var result = await Grain.WriteTagAsync("zone2Setpoint", Number(181.3), Patience);

        result.Outcome.ShouldBe(TagWriteOutcome.Confirmed);
        result.ReadBack!.Number.ShouldBe(181.3, 1e-4);
        shared.Silo.Writer.Writes.ShouldContain(w => w.Tenant == _tenant && w.Path == Path && w.Tag == "zone2Setpoint" && w.Value == SampleValue.FromDouble(181.3));
    }

    [Fact]
    public async Task A_write_the_device_answers_with_another_value_is_not_confirmed_and_shows_that_value()
    {
        shared.Silo.Writer.Script(_tenant, (path, tag, value, ct) =>
        {
            _ = Task.Run(() => Grain.ApplyAsync([Twin.Number(tag, 230, 100)], Twin.StateTag), CancellationToken.None);
            return ValueTask.CompletedTask;
        });

        var result = await Grain.WriteTagAsync("zone2Setpoint", Number(400), TimeSpan.FromSeconds(1));

        result.Outcome.ShouldBe(TagWriteOutcome.NotConfirmed);
        result.ReadBack!.Number.ShouldBe(230);
        result.Error.ShouldBeNull();
    }

    [Fact]
    public async Task A_write_without_a_route_to_the_device_is_refused_with_the_reason()
    {
        var result = await Grain.WriteTagAsync("zone2Setpoint", Number(181), Patience);

        result.Outcome.ShouldBe(TagWriteOutcome.Refused);
        result.Error.ShouldBe("no connection reaches the device of paint/oven");
    }

    [Fact]
    public async Task Writing_the_value_the_device_already_reports_is_confirmed_at_once()
    {
        await Grain.ApplyAsync([Twin.Number("zone1Setpoint", 160, 5)], Twin.StateTag);
        shared.Silo.Writer.Script(_tenant, (_, _, _, _) => ValueTask.CompletedTask);

        var result = await Grain.WriteTagAsync("zone1Setpoint", Number(160), Patience);

        result.Outcome.ShouldBe(TagWriteOutcome.Confirmed);
    }

    [Fact]
    public async Task A_bad_quality_report_of_the_written_value_does_not_confirm_it()
    {
        shared.Silo.Writer.Script(_tenant, (path, tag, value, ct) =>
        {
            _ = Task.Run(() => Grain.ApplyAsync([Twin.Number(tag, value.AsDouble(), 100, Quality.BadNotConnected)], Twin.StateTag), CancellationToken.None);
            return ValueTask.CompletedTask;
        });

        var result = await Grain.WriteTagAsync("zone3Setpoint", Number(175), TimeSpan.FromSeconds(1));

        result.Outcome.ShouldBe(TagWriteOutcome.NotConfirmed);
    }
}
